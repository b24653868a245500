import { describe, expect, it } from "vitest";
import { fieldErrors } from "./common";
import { eventSchema } from "./event";
import { sourceSchema } from "./sources";

const errorsOf = (value: unknown) => {
  const parsed = sourceSchema.safeParse(value);
  return parsed.success ? [] : fieldErrors(parsed.error).map((e) => `${e.path}: ${e.message}`);
};

describe("a source of the program", () => {
  it("accepts a pull block", () => {
    expect(errorsOf({ key: "p", type: "purview-audit", workflow: "w", outputKind: "draft", pull: { every: "15m", trailing: "2h" } })).toEqual([]);
    expect(errorsOf({ key: "t", type: "copilot-studio-transcripts", workflow: "w", outputKind: "draft", pull: { every: "1d" }, dataverseUrl: "https://contoso.crm4.dynamics.com" })).toEqual([]);
  });

  it("accepts the issue's three examples", () => {
    expect(errorsOf({ key: "purview", type: "purview-audit", incidents: true, workflows: [{ match: { agentName: "Invoice Triage" }, workflow: "invoice-coding", outputKind: "classification" }] })).toEqual([]);
    expect(errorsOf({ key: "support-bot", type: "copilot-studio-sessions", workflow: "ticket-triage", cohort: "support-pilot", outputKind: "classification", timezone: "UTC" })).toEqual([]);
    expect(errorsOf({ key: "t", type: "copilot-studio-transcripts", workflows: [{ match: { botName: "crb1_supportAgent" }, workflow: "ticket-triage", outputKind: "classification" }] })).toEqual([]);
  });

  it.each([
    [{ type: "purview-audit", workflow: "w", outputKind: "draft", workflows: [{ match: { appHost: "Word" }, workflow: "w", outputKind: "draft" }] }, "workflow: give either workflow (with outputKind) or workflows (rules), not both"],
    [{ type: "purview-audit", workflow: "w" }, "outputKind: is needed with workflow"],
    [{ type: "purview-audit", workflows: [{ match: { botName: "x" }, workflow: "w", outputKind: "draft" }] }, "workflows[0].match.botName: purview-audit records have no botName; match on agentId, agentName, appHost"],
    [{ type: "purview-audit", workflows: [{ match: {}, workflow: "w", outputKind: "draft" }] }, "workflows[0].match: must name at least one of agentId, agentName, appHost, botId, botName"],
    [{ type: "copilot-studio-sessions", workflow: "w", outputKind: "draft" }, "cohort: is needed: a sessions export names no user, so the directory cannot place them"],
    [{ type: "copilot-studio-sessions", cohort: "c", workflows: [{ match: { botName: "x" }, workflow: "w", outputKind: "draft" }] }, "workflows[0].match.botName: copilot-studio-sessions records have no botName; give the source a workflow"],
    [{ type: "copilot-studio-sessions", workflow: "w", outputKind: "draft", cohort: "c", timezone: "Mars/Olympus" }, "timezone: must be an IANA timezone such as Europe/Berlin or UTC"],
    [{ type: "copilot-studio-transcripts", workflow: "w", outputKind: "draft", timezone: "UTC", incidents: true }, "incidents: applies to purview-audit sources only"],
    [{ type: "purview-audit", workflow: "w", outputKind: "draft", pull: { every: "15" } }, 'pull.every: must be a duration such as "15m", "2h" or "1d", from 1m to 1d'],
    [{ type: "purview-audit", workflow: "w", outputKind: "draft", pull: { every: "2d" } }, 'pull.every: must be a duration such as "15m", "2h" or "1d", from 1m to 1d'],
    [{ type: "purview-audit", workflow: "w", outputKind: "draft", pull: { every: "1h", trailing: "8d" } }, 'pull.trailing: must be a duration such as "15m", "2h" or "1d", up to 7d'],
    [{ type: "purview-audit", workflow: "w", outputKind: "draft", pull: { every: "1h", since: "x" } }, "pull.since: is not a known field"],
    [{ type: "copilot-studio-sessions", workflow: "w", outputKind: "draft", cohort: "c", pull: { every: "1h" } }, "pull: applies to purview-audit and copilot-studio-transcripts sources; a sessions export exists only as a download"],
    [{ type: "copilot-studio-transcripts", workflow: "w", outputKind: "draft", pull: { every: "1h" } }, "dataverseUrl: is needed to pull transcripts: the Dataverse environment's address"],
    [{ type: "purview-audit", workflow: "w", outputKind: "draft", dataverseUrl: "https://x.crm.dynamics.com" }, "dataverseUrl: applies to copilot-studio-transcripts sources only"],
    [{ type: "copilot-studio-transcripts", workflow: "w", outputKind: "draft", dataverseUrl: "https://u:p@x.crm.dynamics.com" }, "dataverseUrl: must be the environment's address alone, without query, fragment or credentials"],
  ])("refuses %j", (source, error) => {
    expect(errorsOf({ key: "s", ...source })).toContain(error);
  });
});

describe("the feedback event", () => {
  const feedback = { id: "f1", type: "feedback", workflow: "w", cohort: "c", taskId: "t", occurredAt: "2026-11-02T10:00:00Z" };
  it("takes a rating or a score from 1 to 5, one of them", () => {
    expect(eventSchema.safeParse({ ...feedback, rating: "positive" }).success).toBe(true);
    expect(eventSchema.safeParse({ ...feedback, score: 5 }).success).toBe(true);
    for (const bad of [{}, { rating: "positive", score: 4 }, { score: 6 }, { score: 2.5 }, { rating: "meh" }]) {
      expect(eventSchema.safeParse({ ...feedback, ...bad }).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
