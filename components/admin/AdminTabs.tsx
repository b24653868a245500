// The administration section's tabs; the current one is marked for assistive technology.
import Link from "next/link";

const TABS = [
  { href: "/admin/users", label: "Users" },
  { href: "/admin/keys", label: "API keys" },
  { href: "/admin/audit", label: "Audit trail" },
  { href: "/admin/retention", label: "Retention" },
  { href: "/admin/sources", label: "Data sources" },
  { href: "/admin/alerts", label: "Alerts" },
] as const;

export function AdminHeader({ current, title, subtitle }: { current: (typeof TABS)[number]["href"]; title: string; subtitle: string }) {
  return (
    <>
      <header className="page-header">
        <div>
          <p className="eyebrow">Administration</p>
          <h1>{title}</h1>
          <p className="subtitle">{subtitle}</p>
        </div>
      </header>
      <nav aria-label="Administration" className="tabs">
        {TABS.map((tab) => (
          <Link key={tab.href} href={tab.href} aria-current={tab.href === current ? "page" : undefined}>
            {tab.label}
          </Link>
        ))}
      </nav>
    </>
  );
}
