import { LoadingRegion, Skeleton, TableSkeleton } from "@/components/ui/Skeleton";

export default function Loading() {
  return (
    <LoadingRegion label="Loading the scorecard…">
      <Skeleton height={12} width={260} />
      <Skeleton height={28} width={420} className="mt-8" />
      <Skeleton height={14} width={360} className="mt-8" />
      <div className="card mt-16">
        <Skeleton height={40} width={160} />
        <Skeleton height={14} width="70%" className="mt-16" />
        <Skeleton height={14} width="60%" className="mt-8" />
      </div>
      <div className="section">
        <TableSkeleton rows={6} />
      </div>
    </LoadingRegion>
  );
}
