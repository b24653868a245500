import { withAuth } from "@/lib/api/withAuth";
import { jsonAnswer, parseJsonBody } from "@/lib/api/parse";
import { applySummary } from "@/lib/contract/responses/admin";
import { BODIES } from "@/lib/contract/bodies";
import { ApiError } from "@/lib/errors";
import { applyProgram, ProgramError } from "@/lib/program/applyProgram";

export const PUT = withAuth(async ({ request, db, actor }) => {
  const document = await parseJsonBody(request, BODIES.program);
  try {
    return jsonAnswer(applySummary, await applyProgram(db, document, actor));
  } catch (error) {
    if (error instanceof ProgramError) throw new ApiError(400, "invalid_program", "The program document is invalid.", error.errors);
    throw error;
  }
});
