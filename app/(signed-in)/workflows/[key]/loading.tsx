import { ChartSkeleton, KpiSkeleton, LoadingRegion, Skeleton } from "@/components/ui/Skeleton";

export default function Loading() {
  return (
    <LoadingRegion label="Loading the workflow…">
      <Skeleton height={12} width={200} />
      <Skeleton height={28} width={320} className="mt-8" />
      <Skeleton height={14} width={520} className="mt-8" />
      <div className="card filter-bar mt-16">
        <Skeleton height={34} width={560} />
      </div>
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
    </LoadingRegion>
  );
}
