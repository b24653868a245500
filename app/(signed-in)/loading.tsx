import { LoadingRegion, Skeleton, TableSkeleton } from "@/components/ui/Skeleton";

export default function Loading() {
  return (
    <LoadingRegion label="Loading the portfolio…">
      <Skeleton height={28} width={220} />
      <Skeleton height={14} width={420} className="mt-8" />
      <div className="verdict-summary mt-16">
        {Array.from({ length: 4 }, (_, i) => (
          <div key={i} className="card">
            <Skeleton height={12} width="40%" />
            <Skeleton height={26} width="25%" className="mt-8" />
          </div>
        ))}
      </div>
      <TableSkeleton rows={8} />
    </LoadingRegion>
  );
}
