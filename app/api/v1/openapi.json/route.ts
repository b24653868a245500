import { NextResponse } from "next/server";
import { withAuth } from "@/lib/api/withAuth";
import { openApiDocument } from "@/lib/openapi/document";

/** The OpenAPI description, public so that connector tooling and client generators can read it without a key. */
export const GET = withAuth(async () => NextResponse.json(openApiDocument()));
