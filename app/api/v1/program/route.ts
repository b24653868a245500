import { z } from "zod";
import { withAuth } from "@/lib/api/withAuth";
import { jsonAnswer, parseJsonBody } from "@/lib/api/parse";
import { applySummary } from "@/lib/contract/responses/admin";
import { ApiError } from "@/lib/api/errors";
import { applyProgram, ProgramError } from "@/lib/program/applyProgram";

const MAX_PROGRAM_BYTES = 1024 * 1024;

export const PUT = withAuth(async ({ request, db, actor }) => {
  // The whole document is validated by applyProgram so its errors carry the document's JSON paths.
  const document = await parseJsonBody(request, z.unknown(), MAX_PROGRAM_BYTES);
  try {
    return jsonAnswer(applySummary, await applyProgram(db, document, actor));
  } catch (error) {
    if (error instanceof ProgramError) throw new ApiError(400, "invalid_program", "The program document is invalid.", error.errors);
    throw error;
  }
});
