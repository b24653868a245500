// Alerts drill: a severity-1 incident is ingested, and the moment its batch is acknowledged (committed) the server is
// killed with SIGKILL, before its delivery worker (which looks every 2 s) can send the alert; then it is restarted.
// Every incident must still be alerted, exactly once, signed, with one webhook-id, to a local webhook receiver.
import fs from "node:fs";
import type { Dialect } from "@/lib/db/dialect";
import { startHttpReceiver } from "@/lib/testing/receivers";
import { verifyStandardWebhook } from "@/lib/testing/standardWebhooks";
import { cleanupMark, deploy, log, onCleanup, sleep, tempFile, unwindCleanups, type DrillRun, type Figures } from "./context";
import { bearer, send } from "./http";

const SECRET = `whsec_${Buffer.alloc(32, 17).toString("base64")}`;
/** How long alerts may take to arrive after the last restart: the worker's first look, then every 2 s. */
const DELIVERY_DEADLINE_MS = 60_000;
/** How long the drill keeps listening after the last alert, for a repeat that must not come. */
const QUIET_AFTER_MS = 8_000;

export async function alertsDrill(run: DrillRun, dialect: Dialect, figures: Figures): Promise<void> {
  const mark = cleanupMark();
  try {
    const receiver = await startHttpReceiver();
    onCleanup(() => receiver.close());
    const deployment = await deploy(run, dialect, "alerts", {
      env: { SIEM_HOOK_URL: receiver.url, SIEM_HOOK_SECRET: SECRET, TOLLGATE_WEBHOOK_ALLOW_HOSTS: receiver.host },
    });
    const alertsFile = tempFile(run, `alerts-${dialect}.json`);
    fs.writeFileSync(alertsFile, JSON.stringify({ alerts: { channels: [{ key: "siem", type: "webhook", urlEnv: "SIEM_HOOK_URL", secretEnv: "SIEM_HOOK_SECRET" }], rules: [{ on: ["incident.created"], channel: "siem" }] } }));
    await deployment.tollgate(["apply", "-f", alertsFile]);

    const headers = { ...bearer(deployment.apiKey), "content-type": "application/json" };
    const incidents: string[] = [];
    let deliveredBeforeKill = 0;
    for (let i = 0; i < run.options.sizes.alerts.kills; i++) {
      const id = `alert-drill-${run.runId}-${dialect}-${i}`;
      const event = { id, type: "incident", workflow: "ticket-triage", cohort: "support-pilot", taskId: id, category: "policy_violation", severity: 1, occurredAt: new Date().toISOString() };
      const answer = await send(`${deployment.baseUrl}/api/v1/events`, { method: "POST", headers, body: JSON.stringify({ events: [event] }), timeoutMs: 30_000 });
      if (answer.status !== 200 || !answer.text.includes('"accepted":1')) throw new Error(`the incident was not acknowledged: ${answer.status} ${answer.text.slice(0, 200)}`);
      const pid = deployment.server.nextServerPid();
      if (pid === null) throw new Error("no next-server process to kill");
      process.kill(pid, "SIGKILL");
      incidents.push(id);
      if (receiver.requests.some((r) => r.body.includes(`"eventId":"${id}"`))) deliveredBeforeKill++;
      await deployment.server.exited;
      await deployment.server.stop();
      log(`  alerts: killed next-server (pid ${pid}) right after incident ${i + 1} was acknowledged; restarting`);
      await deployment.start();
    }

    const started = Date.now();
    while (receiver.requests.length < incidents.length && Date.now() - started < DELIVERY_DEADLINE_MS) await sleep(250);
    const latency = (Date.now() - started) / 1000;
    await sleep(QUIET_AFTER_MS);
    await deployment.stop();

    const eventIds = receiver.requests.map((r) => (JSON.parse(r.body) as { data: { eventId: string } }).data.eventId);
    const webhookIds = receiver.requests.map((r) => r.headers["webhook-id"]);
    const signed = await Promise.all(receiver.requests.map((r) => verifyStandardWebhook(SECRET, r.headers, r.body, Number(r.headers["webhook-timestamp"]))));
    const db = deployment.open();
    const stored = await db.prisma.alert.findMany({ where: { channel: "siem" } });

    figures.add("incidents acknowledged, each followed by a SIGKILL", incidents.length);
    figures.add("alerts received before their kill", deliveredBeforeKill);
    figures.add("alerts received after the restarts", receiver.requests.length);
    figures.add("last restart → every alert received, s", latency);
    figures.check("each kill fell between its incident's commit and the alert's delivery", deliveredBeforeKill === 0);
    figures.check(
      "every acknowledged incident was alerted after the restart",
      incidents.every((id) => eventIds.includes(id)),
      `missing: ${incidents.filter((id) => !eventIds.includes(id)).join(", ")}`,
    );
    figures.check("each alert arrived once, with one webhook-id per incident", eventIds.length === incidents.length && new Set(webhookIds).size === incidents.length);
    figures.check("every request's Standard Webhooks signature verifies", signed.every(Boolean));
    figures.check(
      "the outbox records each alert delivered on its first attempt",
      stored.length === incidents.length && stored.every((a) => a.status === "delivered" && a.attempts === 1),
      JSON.stringify(stored.map((a) => [a.cause, a.status, a.attempts, a.lastError])),
    );
    figures.check("no unhandled error in the server's output", deployment.unhandledErrors().length === 0, deployment.unhandledErrors().slice(0, 5).join("\n"));
  } finally {
    await unwindCleanups(mark);
  }
}
