import type { Metadata } from "next";
import Link from "next/link";
import "./globals.css";

export const metadata: Metadata = {
  title: "Tollgate",
  description: "Evidence-based go / hold / no-go gates for rolling out enterprise AI agents",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="shell-header">
          <Link href="/" className="brand">
            Tollgate
          </Link>
          <nav aria-label="Main">
            <Link href="/">Portfolio</Link>
          </nav>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
