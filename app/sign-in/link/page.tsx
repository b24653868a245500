import type { Metadata } from "next";
import { requirePage } from "@/lib/auth/pageAccess";
import { peekSignInLink } from "@/lib/auth/users";
import { appDatabase } from "@/lib/db/database";
import { SignInLinkView } from "./SignInLinkView";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in with a link" };

type Props = { searchParams: Promise<{ token?: string }> };

export default async function SignInLinkPage({ searchParams }: Props) {
  await requirePage();
  const { token = "" } = await searchParams;
  const target = await peekSignInLink(appDatabase(), token);
  return <SignInLinkView token={token} email={target?.email ?? null} />;
}
