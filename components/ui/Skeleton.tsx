// Placeholders while data loads: grey shapes for sighted users, one polite "Loading…" for screen readers.
export function Skeleton({ height = 16, width = "100%", className = "" }: { height?: number | string; width?: number | string; className?: string }) {
  return <span className={`skeleton ${className}`} style={{ height, width }} aria-hidden="true" />;
}

export function LoadingRegion({ label = "Loading…", children }: { label?: string; children: React.ReactNode }) {
  return (
    <div aria-busy="true">
      <span role="status" className="visually-hidden">
        {label}
      </span>
      {children}
    </div>
  );
}

/** A chart card's placeholder of the same size, so the page does not jump when the data arrives. */
function ChartSkeleton({ height = 220 }: { height?: number }) {
  return (
    <div className="card chart-card" aria-hidden="true">
      <Skeleton height={18} width="40%" />
      <Skeleton height={12} width="65%" className="mt-8" />
      <Skeleton height={height} className="mt-16" />
    </div>
  );
}

function KpiSkeleton() {
  return (
    <div className="kpi card" aria-hidden="true">
      <Skeleton height={12} width="55%" />
      <Skeleton height={26} width="70%" className="mt-8" />
      <Skeleton height={12} width="80%" className="mt-8" />
    </div>
  );
}

export function TableSkeleton({ rows = 6 }: { rows?: number }) {
  return (
    <div className="card" aria-hidden="true">
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} height={22} className="mt-8" />
      ))}
    </div>
  );
}

/** A page heading's placeholder: the breadcrumb, the title and the line under it, at the widths given. */
export function HeadingSkeleton({ widths }: { widths: [number, number, number] }) {
  return (
    <>
      <Skeleton height={12} width={widths[0]} />
      <Skeleton height={28} width={widths[1]} className="mt-8" />
      <Skeleton height={14} width={widths[2]} className="mt-8" />
    </>
  );
}

/** A workflow dashboard's placeholder: its six key figures and four charts. */
export function DashboardSkeleton() {
  return (
    <>
      <div className="kpis">
        {Array.from({ length: 6 }, (_, i) => (
          <KpiSkeleton key={i} />
        ))}
      </div>
      <div className="grid-2">
        {Array.from({ length: 4 }, (_, i) => (
          <ChartSkeleton key={i} />
        ))}
      </div>
    </>
  );
}
