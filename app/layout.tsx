import type { Metadata } from "next";
import Link from "next/link";
import { appDatabase } from "@/lib/db/database";
import { listWorkflowOptions } from "@/lib/reports/registry";
import { LogoIcon } from "@/components/ui/icons";
import { Providers } from "./providers";
import { Nav } from "./Nav";
import { currentUser } from "@/lib/auth/pageAccess";
import { REVIEWER_ROLES } from "@/lib/auth/rules";
import "./globals.css";

// Every page reads the database (the navigation lists the workflows), so none is prerendered at build time.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Tollgate", template: "%s · Tollgate" },
  description: "Evidence-based go / hold / no-go gates for rolling out enterprise AI agents",
};

async function navWorkflows(): Promise<{ key: string; name: string }[]> {
  try {
    const workflows = await listWorkflowOptions(appDatabase());
    return workflows.sort((a, b) => a.name.localeCompare(b.name, "en"));
  } catch {
    // The page itself reports a database problem; the navigation just shows no workflows.
    return [];
  }
}

/** Display only: every page checks its own access (lib/auth/pageAccess.ts); a layout is not re-run on navigation. */
async function signedInUser() {
  try {
    return await currentUser();
  } catch {
    return null;
  }
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const user = await signedInUser();
  // The registry's names are for signed-in users only.
  const workflows = user ? await navWorkflows() : [];
  return (
    <html lang="en">
      <body>
        <a href="#content" className="skip-link">
          Skip to content
        </a>
        <header className="shell-header">
          <div className="shell-inner">
            <Link href="/" className="brand">
              <LogoIcon />
              <span>Tollgate</span>
            </Link>
            {user && <Nav workflows={workflows} user={{ email: user.email, name: user.name, admin: user.roles.includes("admin"), reviews: user.roles.some((role) => REVIEWER_ROLES.includes(role)) }} />}
          </div>
        </header>
        <Providers>
          <main id="content" tabIndex={-1}>
            {children}
          </main>
        </Providers>
      </body>
    </html>
  );
}
