// What the demo's sampled outputs show their reviewers: believable ticket classifications, meeting summaries and
// drafted replies, chosen by the task's number (never by the generator's random stream, so the demo's figures do
// not change with the text).
import type { DemoWorkflowKey } from "./program";

interface Content {
  title: string;
  text: string;
  link?: string;
}

const TICKETS = [
  ["VPN drops every hour since the client update", "Network › VPN", "P3", "Network operations", "The customer reports disconnects at the top of every hour since client 5.2 was rolled out; the pattern matches the known keep-alive issue."],
  ["Cannot open invoices in the customer portal", "Billing › Portal", "P2", "Billing support", "Error 403 on every invoice PDF for one tenant; other tenants unaffected. Likely a permissions change on the document store."],
  ["Request to add three users to the Pro plan", "Accounts › Licences", "P4", "Customer success", "A licence change, not a fault: the customer asks for three more seats and a quote."],
  ["Data export stuck at 99%", "Product › Exports", "P2", "Product support", "Export of 2.1 million rows stalls at the last chunk; the customer needs it for a month-end close on Friday."],
  ["Suspicious sign-in alert from an unknown country", "Security › Account", "P1", "Security operations", "The user did not travel; two sign-ins from an unfamiliar ASN within ten minutes. Treat as a possible account takeover."],
  ["Printer on floor 3 prints blank pages", "Workplace › Printing", "P4", "Facilities IT", "Toner reported full; blank pages started after a firmware update last night."],
] as const;

const MEETINGS = [
  ["Contoso renewal call", "Contoso wants a two-year renewal if the price stays within 5%.", ["Send the revised quote by Thursday (Ana)", "Confirm SSO timeline with their IT lead (Raj)", "Book a roadmap session for Q2 (Ana)"]],
  ["Fabrikam onboarding kickoff", "Fabrikam starts with 40 users in March; data migration is the main risk.", ["Share the migration checklist (Lee)", "Agree the cut-over weekend with their PMO (Sam)"]],
  ["Northwind quarterly business review", "Usage grew 30% this quarter; support tickets halved since the new portal.", ["Send usage report with department split (Mia)", "Follow up on the analytics add-on trial (Tom)"]],
  ["Tailspin pricing discussion", "Tailspin asks for volume pricing above 500 seats and net-60 payment terms.", ["Check net-60 with deal desk before replying (Ana)", "Prepare a 500+ seat price sheet (Raj)"]],
  ["Adventure Works pilot review", "The pilot met its goals in two of three teams; the finance team needs the ERP connector first.", ["Share the connector timeline (Lee)", "Extend the finance pilot by four weeks (Sam)"]],
] as const;

const QUESTIONS = [
  ["Parental leave when changing teams", "You keep your full parental leave entitlement when you move teams: it belongs to your employment, not to your position. Let your new manager know the dates you plan to take, ideally eight weeks ahead, and record them in the HR portal under Absence › Parental leave."],
  ["Working abroad for two weeks", "Working from another country for up to 20 working days a year is possible with your manager's approval. Outside the EU, please also check with the mobility team first, since tax and insurance rules differ by country."],
  ["Home office equipment budget", "Every employee can claim up to 500 EUR every three years for home office equipment. Submit the receipt through Expenses › Home office; chairs and monitors are covered, personal phones are not."],
  ["Carrying over unused holiday", "Up to five unused days carry over to the next year and must be taken by 31 March. If you could not take holiday because of illness or parental leave, longer carry-over applies; HR will confirm the exact number."],
  ["Training budget for a certification", "Certifications related to your role are covered from your team's training budget, up to 1,500 EUR a year. Ask your manager to approve the course in the learning portal before you book it."],
] as const;

function ticket(n: number): Content {
  const [subject, category, priority, queue, reason] = TICKETS[n % TICKETS.length]!;
  const id = 48_000 + n;
  return {
    title: `Ticket #${id}: ${subject}`,
    text: `Classified as: ${category}\nPriority: ${priority}\nRouted to: ${queue}\n\nWhy: ${reason}`,
    link: `https://support.contoso.example/tickets/${id}`,
  };
}

function meeting(n: number): Content {
  const [name, summary, actions] = MEETINGS[n % MEETINGS.length]!;
  return {
    title: `Follow-up: ${name}`,
    text: `Summary\n${summary}\n\nAction items\n${actions.map((a) => `• ${a}`).join("\n")}\n\nDraft email to attendees is ready for review in Outlook.`,
    link: `https://outlook.office.example/meetings/${90_000 + n}`,
  };
}

function reply(n: number): Content {
  const [question, answer] = QUESTIONS[n % QUESTIONS.length]!;
  return { title: `Re: ${question}`, text: `Hello,\n\n${answer}\n\nBest regards,\nHR Services (drafted by the policy assistant)` };
}

const BY_WORKFLOW: Partial<Record<DemoWorkflowKey, (n: number) => Content>> = {
  "ticket-triage": ticket,
  "meeting-followups": meeting,
  "policy-answers": reply,
};

/** The content of a demo output, or null for workflows whose demo outputs carry none. */
export function demoContent(workflow: DemoWorkflowKey, taskNumber: number): Content | null {
  return BY_WORKFLOW[workflow]?.(taskNumber) ?? null;
}
