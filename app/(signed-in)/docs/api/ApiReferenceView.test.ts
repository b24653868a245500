// The reference page shows every operation of the document with its access, inputs, answers and examples.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/openapi/document";
import { OPERATIONS } from "@/lib/openapi/operations";
import { ApiReferenceView } from "./ApiReferenceView";

describe("the API reference page", () => {
  const html = renderToStaticMarkup(createElement(ApiReferenceView, { document: openApiDocument() }));

  it("has a section for every operation, with its summary, method and path", () => {
    for (const operation of OPERATIONS) {
      for (const part of [`id="${operation.operationId}"`, `>${operation.summary.replaceAll("'", "&#x27;")}</h3>`, operation.route.replace(/\[(\w+)\]/g, "{$1}")]) {
        expect(html.includes(part), part).toBe(true);
      }
    }
  });

  it("says who may call each operation and shows the fields, variants and examples", () => {
    for (const part of [
      "Access: an API key with the <code>ingest</code> scope.",
      "<code>verdict</code> <strong>required</strong> <span>one of &quot;accepted&quot;, &quot;light_edit&quot;, &quot;heavy_edit&quot;, &quot;rejected&quot;</span>",
      "<code>revokedAt</code> <strong>required</strong> <span>string, date-time</span> <span>or null</span>",
      "&quot;id&quot;: &quot;T-1042-review&quot;",
      "<strong>429</strong> Too many requests for this API key: wait for <code>Retry-After</code> seconds.",
    ]) {
      expect(html.includes(part), part).toBe(true);
    }
  });
});
