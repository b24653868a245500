import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { requirePage } from "@/lib/auth/pageAccess";
import { safeNext } from "@/lib/auth/signIn";
import { oidcSettings } from "@/lib/auth/oidc";
import { SignInView } from "./SignInView";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<{ next?: string; error?: string }> };

export default async function SignInPage({ searchParams }: Props) {
  const user = await requirePage();
  const { next, error } = await searchParams;
  if (user && !error) redirect(safeNext(next));
  return <SignInView next={safeNext(next)} error={error ?? null} sso={oidcSettings()} />;
}
