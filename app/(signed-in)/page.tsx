import type { Metadata } from "next";
import { requirePage } from "@/lib/auth/pageAccess";
import { appDatabase } from "@/lib/db/database";
import { portfolioReport } from "@/lib/scorecards/portfolioReport";
import { FirstEvents } from "@/components/ui/FirstEvents";
import { requestOrigin } from "@/components/ui/origin";
import { PortfolioView } from "./PortfolioView";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Portfolio" };

export default async function PortfolioPage() {
  await requirePage();
  const report = await portfolioReport(appDatabase());
  if (report.rows.length === 0) {
    return (
      <>
        <header className="page-header">
          <div>
            <h1>Portfolio</h1>
            <p className="subtitle">Every rollout (workflow × cohort) with its evidence and its gate verdict.</p>
          </div>
        </header>
        <FirstEvents baseUrl={await requestOrigin()} />
      </>
    );
  }
  return <PortfolioView report={report} />;
}
