import { appDatabase } from "@/lib/db/database";
import { installationSettings } from "@/lib/db/settings";
import { listRollouts } from "@/lib/db/queries/listRollouts";
import { rolloutTotals } from "@/lib/db/queries/rolloutTotals";
import { addDays, today } from "@/lib/time";
import { FirstEvents } from "@/components/ui/FirstEvents";

const number = new Intl.NumberFormat("en-US");

export async function Portfolio() {
  const db = appDatabase();
  const { timezone } = await installationSettings(db);
  const to = addDays(today(timezone), 1);
  const from = addDays(to, -28);
  const [rollouts, totals] = await Promise.all([listRollouts(db), rolloutTotals(db, from, to)]);
  const totalsByRollout = new Map(totals.map((t) => [`${t.workflow}/${t.cohort}`, t]));

  return (
    <>
      <h1>Portfolio</h1>
      <p className="subtitle">
        Every rollout (workflow × cohort), last 28 days to {to} (exclusive), {timezone}.
      </p>
      {rollouts.length === 0 ? (
        <FirstEvents />
      ) : (
        <div className="panel">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Workflow</th>
                <th scope="col">Tier</th>
                <th scope="col">Cohort</th>
                <th scope="col">Phase</th>
                <th scope="col">Owners</th>
                <th scope="col" className="num">Outputs</th>
                <th scope="col" className="num">Reviews</th>
                <th scope="col">Latest data</th>
              </tr>
            </thead>
            <tbody>
              {rollouts.map((r) => {
                const t = totalsByRollout.get(`${r.workflow}/${r.cohort}`);
                return (
                  <tr key={`${r.workflow}/${r.cohort}`}>
                    <td>{r.workflowName}</td>
                    <td>
                      <span className="tag">{r.tier}</span>
                    </td>
                    <td>
                      {r.cohortName}
                      <div className="muted">{r.department}</div>
                    </td>
                    <td>{r.phase}</td>
                    <td className="muted">
                      {r.businessOwner}
                      <br />
                      {r.technicalOwner}
                    </td>
                    <td className="num">{number.format(t?.outputs ?? 0)}</td>
                    <td className="num">{number.format(t?.reviews ?? 0)}</td>
                    <td className="muted">{t?.lastDay ?? "no events yet"}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
