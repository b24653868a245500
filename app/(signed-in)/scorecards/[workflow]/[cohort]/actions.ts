"use server";
// The board's decision from the scorecard page: validated with the API's own contract and recorded by the same
// function as POST /api/v1/decisions, with the scorecard frozen as its snapshot.
import { revalidatePath } from "next/cache";
import { appDatabase } from "@/lib/db/database";
import { decisionInput } from "@/lib/contract/scorecard";
import { fieldErrors } from "@/lib/contract/common";
import { InvalidParameterError, UserFacingError } from "@/lib/errors";
import { recordDecision } from "@/lib/scorecards/decisions";
import { authorizeAction } from "@/lib/auth/pageAccess";
import { clientAddressFromHeaders } from "@/lib/http";
import { headers } from "next/headers";
import { DECISION_LABELS } from "@/lib/ui/labels";

export interface DecisionFormState {
  status: "idle" | "ok" | "error";
  message: string | null;
  fieldErrors: Partial<Record<"decision" | "rationale" | "override", string>>;
  /** Changes with every answer, so the form can tell a new answer from the last one. */
  seq: number;
}

const FRIENDLY: Record<string, string> = {
  decision: "Choose a decision: go, extend or no-go.",
  rationale: "Say why the board decided this.",
};

function text(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

export async function recordBoardDecision(previous: DecisionFormState, form: FormData): Promise<DecisionFormState> {
  const seq = previous.seq + 1;
  const access = await authorizeAction("recordBoardDecision");
  if (!access.ok) return { status: "error", message: `The decision was not recorded: ${access.message}`, fieldErrors: {}, seq };
  const parsed = decisionInput.safeParse({
    workflow: text(form, "workflow"),
    cohort: text(form, "cohort"),
    template: text(form, "template"),
    decision: text(form, "decision"),
    rationale: text(form, "rationale") ?? "",
    override: text(form, "override"),
  });
  if (!parsed.success) {
    const errors: DecisionFormState["fieldErrors"] = {};
    for (const { path, message } of fieldErrors(parsed.error)) {
      if (path === "decision" || path === "rationale" || path === "override") errors[path] = FRIENDLY[path] ?? message;
    }
    return { status: "error", message: "The decision was not recorded; see the fields marked below.", fieldErrors: errors, seq };
  }
  const input = parsed.data;
  try {
    const actor = { type: "user" as const, name: access.user.email, source: clientAddressFromHeaders(await headers()) };
    const recorded = await recordDecision(appDatabase(), input, actor);
    revalidatePath(`/scorecards/${input.workflow}/${input.cohort}`);
    revalidatePath("/");
    const moved = recorded.toPhase ? ` The rollout moves to the ${recorded.toPhase} phase.` : "";
    return { status: "ok", message: `Decision recorded.${moved}`, fieldErrors: {}, seq };
  } catch (error) {
    if (error instanceof InvalidParameterError && error.parameter === "override") {
      const override = `${DECISION_LABELS[input.decision]} goes against the scorecard's computed verdict, so it needs an override note saying why the board overrides it.`;
      return { status: "error", message: "The decision was not recorded.", fieldErrors: { override }, seq };
    }
    if (error instanceof UserFacingError) {
      return { status: "error", message: capitalize(error.message), fieldErrors: {}, seq };
    }
    console.error("Recording a board decision failed:", error);
    return { status: "error", message: "The decision could not be recorded because of an internal error; see the server log.", fieldErrors: {}, seq };
  }
}

function capitalize(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1) + (/[.!?]$/.test(message) ? "" : ".");
}
