import { requirePage } from "@/lib/auth/pageAccess";

// Checks the page's rule before anything streams (the loading skeletons below are Suspense boundaries), so a full
// page load answers a real redirect to sign-in or a 403. Every page checks again with requirePage(): a layout does
// not run again when the browser navigates between the pages under it.
export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  await requirePage();
  return children;
}
