"use client";
// The main navigation: the portfolio and a menu of workflows; the current page is marked for assistive technology.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

const ADMIN_LINKS = [
  { href: "/admin/users", label: "Users" },
  { href: "/admin/keys", label: "API keys" },
  { href: "/admin/audit", label: "Audit trail" },
  { href: "/admin/retention", label: "Retention" },
];

export function Nav({
  workflows,
  user,
}: {
  workflows: { key: string; name: string }[];
  /** `reviews`: the user may open the review page (lib/auth/rules.ts REVIEWER_ROLES). */
  user: { email: string; name: string | null; admin: boolean; reviews: boolean };
}) {
  const pathname = usePathname();
  const menu = useRef<HTMLDetailsElement>(null);
  const adminMenu = useRef<HTMLDetailsElement>(null);
  const inWorkflow = pathname.startsWith("/workflows/") || pathname.startsWith("/scorecards/");

  useEffect(() => {
    // Close the menus after navigating.
    for (const details of [menu.current, adminMenu.current]) if (details) details.open = false;
  }, [pathname]);

  useEffect(() => {
    const close = (event: MouseEvent | KeyboardEvent) => {
      for (const details of [menu.current, adminMenu.current]) {
        if (!details?.open) continue;
        if (event instanceof KeyboardEvent) {
          if (event.key === "Escape") {
            details.open = false;
            details.querySelector("summary")?.focus();
          }
        } else if (!details.contains(event.target as Node)) {
          details.open = false;
        }
      }
    };
    document.addEventListener("click", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("click", close);
      document.removeEventListener("keydown", close);
    };
  }, []);

  return (
    <nav aria-label="Main" className="main-nav">
      <Link href="/" aria-current={pathname === "/" ? "page" : undefined}>
        Portfolio
      </Link>
      <details className="nav-menu" ref={menu}>
        <summary aria-current={inWorkflow ? "true" : undefined}>Workflows</summary>
        <ul className="menu-list">
          {workflows.map((w) => (
            <li key={w.key}>
              <Link href={`/workflows/${w.key}`} aria-current={pathname === `/workflows/${w.key}` ? "page" : undefined}>
                {w.name}
              </Link>
            </li>
          ))}
          {workflows.length === 0 && <li className="muted">No workflows registered</li>}
        </ul>
      </details>
      {user.reviews && (
        <Link href="/review" aria-current={pathname === "/review" ? "page" : undefined}>
          Review
        </Link>
      )}
      {user.admin && (
        <details className="nav-menu" ref={adminMenu}>
          <summary aria-current={pathname.startsWith("/admin/") ? "true" : undefined}>Administration</summary>
          <ul className="menu-list">
            {ADMIN_LINKS.map((link) => (
              <li key={link.href}>
                <Link href={link.href} aria-current={pathname === link.href ? "page" : undefined}>
                  {link.label}
                </Link>
              </li>
            ))}
          </ul>
        </details>
      )}
      <Link href="/docs/api" aria-current={pathname === "/docs/api" ? "page" : undefined}>
        API reference
      </Link>
      <Link href="/account" className="nav-account" aria-current={pathname === "/account" ? "page" : undefined} title={user.email}>
        {user.name ?? user.email}
      </Link>
    </nav>
  );
}
