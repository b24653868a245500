import { NextResponse } from "next/server";
import { appDatabase, pingDatabase } from "@/lib/db/database";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  try {
    await pingDatabase(appDatabase());
    return NextResponse.json({ status: "ok" });
  } catch {
    return NextResponse.json({ status: "unavailable", message: "The database is not reachable." }, { status: 503 });
  }
}
