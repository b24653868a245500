"use client";
// The main navigation: the portfolio and a menu of workflows; the current page is marked for assistive technology.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

export function Nav({ workflows }: { workflows: { key: string; name: string }[] }) {
  const pathname = usePathname();
  const menu = useRef<HTMLDetailsElement>(null);
  const inWorkflow = pathname.startsWith("/workflows/") || pathname.startsWith("/scorecards/");

  useEffect(() => {
    // Close the menu after navigating.
    if (menu.current) menu.current.open = false;
  }, [pathname]);

  useEffect(() => {
    const close = (event: MouseEvent | KeyboardEvent) => {
      const details = menu.current;
      if (!details?.open) return;
      if (event instanceof KeyboardEvent) {
        if (event.key === "Escape") {
          details.open = false;
          details.querySelector("summary")?.focus();
        }
      } else if (!details.contains(event.target as Node)) {
        details.open = false;
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
    </nav>
  );
}
