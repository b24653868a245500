import { DashboardSkeleton, HeadingSkeleton, LoadingRegion, Skeleton } from "@/components/ui/Skeleton";

export default function Loading() {
  return (
    <LoadingRegion label="Loading the workflow…">
      <HeadingSkeleton widths={[200, 320, 520]} />
      <div className="card filter-bar mt-16">
        <Skeleton height={34} width={560} />
      </div>
      <DashboardSkeleton />
    </LoadingRegion>
  );
}
