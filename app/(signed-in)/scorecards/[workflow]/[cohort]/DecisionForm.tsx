"use client";
// The board's decision form. Deciding against the computed verdict needs an override note; the server says so
// beside the field when it is missing. A recorded decision appears in the history above at once.
import { startTransition, useActionState, useId, useState } from "react";
import type { Decision } from "@/lib/contract/scorecard";
import { AGREEING_VERDICT, type Verdict } from "@/lib/gates/verdict";
import { DECISION_LABELS, PHASE_LABELS, VERDICT_LABELS } from "@/lib/ui/labels";
import type { Phase } from "@/lib/contract/vocabulary";
import { Field } from "@/components/ui/Field";
import { FormMessage } from "@/components/ui/FormMessage";
import { recordBoardDecision, type DecisionFormState } from "./actions";

const INITIAL: DecisionFormState = { status: "idle", message: null, fieldErrors: {}, seq: 0 };

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
  const against = decision !== "" && AGREEING_VERDICT[decision] !== verdict;
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
        The scorecard says <strong>{VERDICT_LABELS[verdict]}</strong>. Record the board&apos;s decision with its rationale; the scorecard as it
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
      <Field label="Rationale" error={errors.rationale}>
        {(control) => <textarea {...control} name="rationale" rows={3} value={rationale} onChange={(e) => setRationale(e.target.value)} required />}
      </Field>
      <Field
        label={`Override note ${against ? "(required)" : "(only when deciding against the verdict)"}`}
        hint={
          against
            ? `${DECISION_LABELS[decision as Decision]} goes against the computed ${VERDICT_LABELS[verdict]}: say why the board overrides it.`
            : "Leave empty when the decision agrees with the computed verdict."
        }
        error={errors.override}
      >
        {(control) => <textarea {...control} name="override" rows={2} value={override} onChange={(e) => setOverride(e.target.value)} />}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={pending}>
          {pending ? "Recording…" : "Record decision"}
        </button>
        <FormMessage outcome={state.message && !pending ? { kind: state.status === "ok" ? "ok" : "error", text: state.message } : null} />
      </div>
    </form>
  );
}
