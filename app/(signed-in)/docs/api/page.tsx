import type { Metadata } from "next";
import { requirePage } from "@/lib/auth/pageAccess";
import { openApiDocument } from "@/lib/openapi/document";
import { ApiReferenceView } from "./ApiReferenceView";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "API reference" };

export default async function ApiReferencePage() {
  await requirePage();
  return <ApiReferenceView document={openApiDocument()} />;
}
