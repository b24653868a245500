// The head of a workflow's pages: where it sits, what it is for, who owns it, and the tabs between its views.
import Link from "next/link";
import type { WorkflowContext } from "@/lib/reports/workflowContext";
import { TIER_DESCRIPTIONS, TIER_LABELS } from "@/lib/ui/labels";
import { Breadcrumbs } from "@/components/ui/Breadcrumbs";

export function WorkflowHeader({
  context,
  current,
  trendsQuery,
  cohortsQuery,
  actions,
}: {
  context: WorkflowContext;
  current: "trends" | "cohorts";
  /** Query strings that carry the shared filters across the tabs. */
  trendsQuery: string;
  cohortsQuery: string;
  actions?: React.ReactNode;
}) {
  const { workflow } = context;
  const base = `/workflows/${workflow.key}`;
  return (
    <>
      <Breadcrumbs
        items={[
          { href: "/", label: "Portfolio" },
          { href: base, label: workflow.name },
          ...(current === "cohorts" ? [{ label: "Cohorts" }] : []),
        ]}
      />
      <header className="page-header workflow-header">
        <div>
          <h1>{workflow.name}</h1>
          <p className="subtitle">
            <span className={`tag tier tier-${workflow.tier}`}>{TIER_LABELS[workflow.tier]} tier</span> {TIER_DESCRIPTIONS[workflow.tier]} ·{" "}
            {workflow.businessOwner} (business) · {workflow.technicalOwner} (technical)
          </p>
          <p className="subtitle small workflow-purpose">
            <strong>Success:</strong> {workflow.successMetric} <strong>Failure mode:</strong> {workflow.failureMode}
          </p>
        </div>
        {actions && <div className="page-actions">{actions}</div>}
      </header>
      <nav className="tabs" aria-label="Workflow views">
        <Link href={trendsQuery ? `${base}?${trendsQuery}` : base} aria-current={current === "trends" ? "page" : undefined}>
          Trends
        </Link>
        <Link href={cohortsQuery ? `${base}/cohorts?${cohortsQuery}` : `${base}/cohorts`} aria-current={current === "cohorts" ? "page" : undefined}>
          Cohorts side by side
        </Link>
      </nav>
    </>
  );
}
