import { renderToString } from "react-dom/server";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { UsersView } from "@/app/admin/users/UsersView";
import { KeysView } from "@/app/admin/keys/KeysView";
import { RetentionView } from "@/app/admin/retention/RetentionView";

const wrap = (node: React.ReactNode) => renderToString(<QueryClientProvider client={new QueryClient()}>{node}</QueryClientProvider>);
const wf = [{ key: "ticket-triage", name: "Ticket triage" }];
const users = wrap(<UsersView initialUsers={[{ id: "1", email: "a@x.com", name: "A", roles: ["owner"], workflows: ["ticket-triage"], hasPassword: true, sso: false, createdAt: "2026-01-01T00:00:00Z", disabledAt: null }]} workflows={wf} timezone="Europe/Berlin" currentEmail="b@x.com" />);
const keys = wrap(<KeysView initialKeys={[{ name: "agent", prefix: "tg_abcdef", scopes: ["ingest"], workflows: null, createdAt: "2026-01-01T00:00:00Z", revokedAt: null, lastUsedAt: null }]} workflows={wf} timezone="UTC" />);
const ret = wrap(<RetentionView initialStatus={{ days: 400, watermark: null, lastRun: null, holds: [{ workflow: "ticket-triage", reason: "case", placedBy: "user:a", placedAt: "2026-01-01T00:00:00Z" }] }} workflows={wf} timezone="UTC" />);
for (const [n, h] of [["users", users], ["keys", keys], ["retention", ret]] as const) console.log(n, h.length, /Ticket triage/.test(h), /Active|Lift/.test(h));
const empty = wrap(<UsersView initialUsers={[]} workflows={[]} timezone="UTC" currentEmail={null} />);
console.log("empty", /No users yet/.test(empty));
