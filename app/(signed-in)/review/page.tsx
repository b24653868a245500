import type { Metadata } from "next";
import { requirePage } from "@/lib/auth/pageAccess";
import { appDatabase } from "@/lib/db/database";
import { reviewableWorkflows } from "@/lib/review/workflows";
import { ReviewView } from "./ReviewView";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Review" };

type Props = { searchParams: Promise<{ workflow?: string }> };

export default async function ReviewPage({ searchParams }: Props) {
  const principal = await requirePage();
  const workflows = await reviewableWorkflows(appDatabase(), principal!);
  const { workflow } = await searchParams;
  const chosen = workflows.find((w) => w.key === workflow) ?? workflows[0] ?? null;
  return <ReviewView workflows={workflows} workflow={chosen} />;
}
