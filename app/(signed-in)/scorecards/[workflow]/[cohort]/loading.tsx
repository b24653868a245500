import { HeadingSkeleton, LoadingRegion, Skeleton, TableSkeleton } from "@/components/ui/Skeleton";

export default function Loading() {
  return (
    <LoadingRegion label="Loading the scorecard…">
      <HeadingSkeleton widths={[260, 420, 360]} />
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
