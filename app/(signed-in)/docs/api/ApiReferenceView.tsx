// The API reference, rendered on the server from the OpenAPI document that GET /api/v1/openapi.json serves: one
// section per operation with its access, parameters, request body, answers and example. No script runs, so the page
// keeps the app's strict policy; the README says why no packaged viewer renders it.
import { Fragment } from "react";
import type { openApiDocument } from "@/lib/openapi/document";
import { Prose, SchemaView, Words, type Schema } from "./SchemaView";

type Document = ReturnType<typeof openApiDocument>;
type Parameter = { name: string; in: string; required: boolean; schema: Schema; example?: string };
type Content = Record<string, { schema: Schema; example?: unknown }>;
type Described = {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  parameters?: Parameter[];
  requestBody?: { content: Content };
  responses: Record<string, { description: string; content?: Content }>;
};

export function ApiReferenceView({ document }: { document: Document }) {
  const components = document.components.schemas as Record<string, Schema>;
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods as Record<string, Described>).map(([method, operation]) => ({ path, method: method.toUpperCase(), ...operation })),
  );
  return (
    <>
      <header className="page-header">
        <div>
          <h1>{document.info.title}</h1>
          <p className="subtitle">
            Version {document.info.version} · OpenAPI {document.openapi} · <a href="/api/v1/openapi.json">the document as JSON</a>, for client generators
            and connector tooling
          </p>
        </div>
      </header>
      <section className="card" aria-label="About the API">
        <Prose text={document.info.description} />
      </section>
      {document.tags.map((tag) => (
        <section key={tag.name} className="mt-16" aria-labelledby={`tag-${tag.name}`}>
          <h2 id={`tag-${tag.name}`}>{tag.name}</h2>
          <p className="muted">{tag.description}</p>
          {operations
            .filter((o) => o.tags.includes(tag.name))
            .map((operation) => (
              <Operation key={operation.operationId} operation={operation} components={components} />
            ))}
        </section>
      ))}
    </>
  );
}

/** One operation, folded to its summary, method and path: the page reads as an index, each entry opening in place. */
function Operation({ operation, components }: { operation: Described & { path: string; method: string }; components: Record<string, Schema> }) {
  return (
    <details id={operation.operationId} className="card mt-8">
      <summary>
        <h3 style={{ display: "inline" }}>{operation.summary}</h3>{" "}
        <code>
          {operation.method} {operation.path}
        </code>
      </summary>
      <Prose text={operation.description} />
      {operation.parameters && <Parameters parameters={operation.parameters} />}
      {operation.requestBody && <Body title="Request body" content={operation.requestBody.content} components={components} />}
      <h4>Answers</h4>
      <dl>
        {Object.entries(operation.responses).map(([status, answer]) => (
          <Fragment key={status}>
            <dt>
              <strong>{status}</strong> <Words text={answer.description} />
            </dt>
            <dd>
              {answer.content && Object.keys(answer.content).join(", ")}
              {/* Collapsed: the answers' fields are long (a scorecard), and the inputs are what a caller reads first. */}
              {answer.content?.["application/json"] && status < "400" && (
                <details>
                  <summary>Fields of the answer</summary>
                  <SchemaView schema={answer.content["application/json"].schema} components={components} label={`${status} answer`} />
                </details>
              )}
            </dd>
          </Fragment>
        ))}
      </dl>
    </details>
  );
}

function Parameters({ parameters }: { parameters: Parameter[] }) {
  return (
    <>
      <h4>Parameters</h4>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Parameters">
        <table className="data compact">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">In</th>
              <th scope="col">Required</th>
              <th scope="col">Schema</th>
              <th scope="col">Example</th>
            </tr>
          </thead>
          <tbody>
            {parameters.map((p) => (
              <tr key={`${p.in}-${p.name}`}>
                <th scope="row">
                  <code>{p.name}</code>
                </th>
                <td>{p.in}</td>
                <td>{p.required ? "yes" : "no"}</td>
                <td>
                  <SchemaView schema={p.schema} inline />
                </td>
                <td>{p.example !== undefined && <code>{p.example}</code>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function Body({ title, content, components }: { title: string; content: Content; components: Record<string, Schema> }) {
  const json = content["application/json"];
  if (!json) return null;
  return (
    <>
      <h4>{title}</h4>
      <SchemaView schema={json.schema} components={components} label={title} />
      {json.example !== undefined && (
        <details>
          <summary>Example</summary>
          <pre className="code" tabIndex={0}>
            {JSON.stringify(json.example, null, 2)}
          </pre>
        </details>
      )}
    </>
  );
}
