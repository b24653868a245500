import { withAuth } from "@/lib/api/withAuth";
import { bodyChunks, jsonAnswer, parseQuery } from "@/lib/api/parse";
import { importHistory as historyAnswer, importSummary } from "@/lib/contract/responses/admin";
import { otherMethods, withSecurityHeaders } from "@/lib/api/unproxied";
import { importQuery, MAX_IMPORT_BYTES } from "@/lib/contract/sources";
import { importFromSource } from "@/lib/sources/importExport";
import { importHistory } from "@/lib/sources/overview";

// The body is the export file itself, read as it arrives (proxy.ts leaves this route alone so nothing buffers it).
export const POST = withSecurityHeaders(
  withAuth(async ({ request, db, actor }) => {
    const query = parseQuery(request, importQuery);
    const summary = await importFromSource(db, {
      source: query.source,
      bytes: bodyChunks(request, MAX_IMPORT_BYTES),
      fileName: query.fileName ?? "upload",
      dryRun: query.dryRun,
      format: query.format,
      actor,
    });
    return jsonAnswer(importSummary, summary);
  }),
);

export const GET = withSecurityHeaders(withAuth(async ({ db }) => jsonAnswer(historyAnswer, { imports: await importHistory(db) })));

export const { PUT, PATCH, DELETE } = otherMethods(["GET", "POST"]);
