/** The empty state: how a new admin gets the first program and events into Tollgate. */
export function FirstEvents() {
  return (
    <div className="panel empty">
      <h2>No rollouts yet</h2>
      <p className="muted">Register workflows and cohorts, create an ingest key, and send the first events.</p>
      <pre className="code">{`npx tollgate apply -f program.json
npx tollgate keys create --name my-agent --scopes ingest

curl -X POST http://localhost:3000/api/v1/events \\
  -H "Authorization: Bearer $TOLLGATE_KEY" -H "Content-Type: application/json" \\
  -d '{"events":[{"id":"evt-1","type":"output","workflow":"ticket-triage",
       "cohort":"support-pilot","taskId":"T-1","outputKind":"classification",
       "occurredAt":"2026-11-27T09:00:00Z"}]}'`}</pre>
    </div>
  );
}
