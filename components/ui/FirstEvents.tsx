// The empty state: how a new admin gets the first program and events into Tollgate, with a curl example.
import { CopyButton } from "./CopyButton";

export interface FirstEventsProps {
  title?: string;
  intro?: string;
  /** The server's own origin, so the example can be pasted as it is. */
  baseUrl?: string;
  workflow?: string;
  cohort?: string;
  /** Whether to include registering the program (not needed once rollouts exist). */
  withProgram?: boolean;
}

function firstEventsCommand({ baseUrl = "http://localhost:3000", workflow = "ticket-triage", cohort = "support-pilot" }: FirstEventsProps) {
  return `curl -X POST ${baseUrl}/api/v1/events \\
  -H "Authorization: Bearer $TOLLGATE_KEY" -H "Content-Type: application/json" \\
  -d '{"events":[{"id":"evt-1","type":"output","workflow":"${workflow}",
       "cohort":"${cohort}","taskId":"T-1","outputKind":"draft",
       "occurredAt":"'$(date -u +%Y-%m-%dT%H:%M:%SZ)'"}]}'`;
}

export function FirstEvents(props: FirstEventsProps) {
  const { title = "No rollouts yet", intro, withProgram = true, workflow } = props;
  const setup = `${withProgram ? "npx tollgate apply -f program.json\n" : ""}npx tollgate keys create --name my-agent --scopes ingest${workflow ? ` --workflows ${workflow}` : ""}`;
  const curl = firstEventsCommand(props);
  return (
    <section className="card empty-state" aria-labelledby="first-events-title">
      <h2 id="first-events-title">{title}</h2>
      <p className="muted">
        {intro ??
          "Register workflows and cohorts, create an ingest key, and send the first events. Figures appear here as soon as reviews, escalations and completions arrive."}
      </p>
      <ol className="steps">
        <li>
          <div className="step-head">
            <span>{withProgram ? "Register the program and create an ingest key" : "Create an ingest key"}</span>
            <CopyButton text={setup} />
          </div>
          <pre className="code">{setup}</pre>
        </li>
        <li>
          <div className="step-head">
            <span>Send an event (1 to 1,000 per batch)</span>
            <CopyButton text={curl} />
          </div>
          <pre className="code">{curl}</pre>
          <p className="muted small">
            The answer is <code>{`{"accepted":1,"duplicates":0,"rejected":[]}`}</code>. Reviews, escalations and completions follow
            the same shape; see the event contract in the README.
          </p>
        </li>
      </ol>
    </section>
  );
}
