import { NextResponse } from "next/server";
import { appDatabase } from "@/lib/db/database";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  try {
    await appDatabase().sql.query("SELECT 1");
    return NextResponse.json({ status: "ok" });
  } catch {
    return NextResponse.json({ status: "unavailable", message: "The database is not reachable." }, { status: 503 });
  }
}
