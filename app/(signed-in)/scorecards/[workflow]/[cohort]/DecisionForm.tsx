"use client";
// The board's decision form. Deciding against the computed verdict needs an override note; the server says so
// beside the field when it is missing. A recorded decision appears in the history above at once.
import { startTransition, useActionState, useId, useState } from "react";
import type { Decision } from "@/lib/contract/scorecard";
import type { Verdict } from "@/lib/gates/verdict";
import { DECISION_LABELS, PHASE_LABELS } from "@/lib/ui/labels";
import type { Phase } from "@/lib/contract/vocabulary";
import { recordBoardDecision, type DecisionFormState } from "./actions";

const INITIAL: DecisionFormState = { status: "idle", message: null, fieldErrors: {}, seq: 0 };
const AGREES_WITH: Record<Decision, Verdict> = { go: "go", extend: "hold", no_go: "no_go" };
const VERDICT_WORDS: Record<Verdict, string> = { go: "GO", hold: "HOLD", no_go: "NO-GO" };

export function DecisionForm({
  workflow,
  cohort,
  template,
  verdict,
  from,
  to,
}: {
  workflow: string;
  cohort: string;
  template: string;
  verdict: Verdict;
  from: Phase;
  to: Phase;
}) {
  const id = useId();
  const [state, action, pending] = useActionState(recordBoardDecision, INITIAL);
  const [decision, setDecision] = useState<Decision | "">("");
  const [rationale, setRationale] = useState("");
  const [override, setOverride] = useState("");
  const [seenSeq, setSeenSeq] = useState(0);
  if (state.seq !== seenSeq) {
    // A new answer from the server: after a success, start a fresh form.
    setSeenSeq(state.seq);
    if (state.status === "ok") {
      setDecision("");
      setRationale("");
      setOverride("");
    }
  }
  const against = decision !== "" && AGREES_WITH[decision] !== verdict;
  const errors = state.fieldErrors;

  const choices: { value: Decision; hint: string }[] = [
    { value: "go", hint: `move to ${PHASE_LABELS[to].toLowerCase()}` },
    { value: "extend", hint: `stay in ${PHASE_LABELS[from].toLowerCase()}, gather more evidence` },
    { value: "no_go", hint: "stop the expansion" },
  ];

  return (
    <form
      className="decision-form"
      aria-describedby={`${id}-intro`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        startTransition(() => action(data));
      }}
    >
      <p id={`${id}-intro`} className="muted">
        The scorecard says <strong>{VERDICT_WORDS[verdict]}</strong>. Record the board&apos;s decision with its rationale; the scorecard as it
        stands now is frozen with it. Deciding against the computed verdict needs an override note.
      </p>
      <input type="hidden" name="workflow" value={workflow} />
      <input type="hidden" name="cohort" value={cohort} />
      <input type="hidden" name="template" value={template} />
      <fieldset aria-describedby={errors.decision ? `${id}-decision-error` : undefined}>
        <legend>Decision</legend>
        <div className="choice-group">
          {choices.map((choice) => (
            <label key={choice.value} className="choice">
              <input
                type="radio"
                name="decision"
                value={choice.value}
                checked={decision === choice.value}
                onChange={() => setDecision(choice.value)}
              />
              <span>
                {DECISION_LABELS[choice.value]}
                <span className="muted small"> — {choice.hint}</span>
              </span>
            </label>
          ))}
        </div>
        {errors.decision && (
          <p id={`${id}-decision-error`} className="field-error">
            {errors.decision}
          </p>
        )}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-rationale`}>Rationale</label>
        <textarea
          id={`${id}-rationale`}
          name="rationale"
          rows={3}
          value={rationale}
          onChange={(e) => setRationale(e.target.value)}
          aria-invalid={errors.rationale ? true : undefined}
          aria-describedby={errors.rationale ? `${id}-rationale-error` : undefined}
          required
        />
        {errors.rationale && (
          <p id={`${id}-rationale-error`} className="field-error">
            {errors.rationale}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-override`}>Override note {against ? "(required)" : "(only when deciding against the verdict)"}</label>
        <span id={`${id}-override-hint`} className="hint">
          {against
            ? `${DECISION_LABELS[decision as Decision]} goes against the computed ${VERDICT_WORDS[verdict]}: say why the board overrides it.`
            : "Leave empty when the decision agrees with the computed verdict."}
        </span>
        <textarea
          id={`${id}-override`}
          name="override"
          rows={2}
          value={override}
          onChange={(e) => setOverride(e.target.value)}
          aria-invalid={errors.override ? true : undefined}
          aria-describedby={`${id}-override-hint${errors.override ? ` ${id}-override-error` : ""}`}
        />
        {errors.override && (
          <p id={`${id}-override-error`} className="field-error">
            {errors.override}
          </p>
        )}
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={pending}>
          {pending ? "Recording…" : "Record decision"}
        </button>
        <div aria-live="polite" className="form-live">
          {state.message && !pending && (
            <p className={`form-status ${state.status === "ok" ? "ok" : "error"}`} role={state.status === "error" ? "alert" : "status"}>
              {state.message}
            </p>
          )}
        </div>
      </div>
    </form>
  );
}
