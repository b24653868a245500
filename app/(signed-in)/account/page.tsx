import type { Metadata } from "next";
import { requireSignedInPage } from "@/lib/auth/pageAccess";
import { findUserByEmail } from "@/lib/auth/users";
import { appDatabase } from "@/lib/db/database";
import { AccountView } from "./AccountView";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your account" };

type Props = { searchParams: Promise<{ welcome?: string }> };

export default async function AccountPage({ searchParams }: Props) {
  const principal = await requireSignedInPage();
  const user = (await findUserByEmail(appDatabase(), principal.email))!;
  const { welcome } = await searchParams;
  return (
    <AccountView
      email={user.email}
      name={user.name}
      roles={[...user.roles]}
      workflows={[...user.workflows]}
      hasPassword={user.hasPassword}
      sso={user.sso}
      welcome={welcome === "1"}
    />
  );
}
