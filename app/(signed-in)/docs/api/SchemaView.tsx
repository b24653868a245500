// A JSON Schema (as zod writes it for the OpenAPI document) in words: objects as nested field lists with their
// types, limits and descriptions, variants (oneOf) one after another. References resolve to the document's components.
export type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  additionalProperties?: Schema | boolean;
};

/** Backticked words of the document's descriptions as code, **words** as strong. */
export function Words({ text }: { text: string }) {
  return text
    .split(/(`[^`]+`|\*\*[^*]+\*\*)/)
    .map((part, i) => (part.startsWith("`") ? <code key={i}>{part.slice(1, -1)}</code> : part.startsWith("**") ? <strong key={i}>{part.slice(2, -2)}</strong> : part));
}

/** A description's paragraphs. */
export function Prose({ text }: { text: string }) {
  return text.split(/\n\n+/).map((paragraph, i) => (
    <p key={i}>
      <Words text={paragraph} />
    </p>
  ));
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** The type and its limits in a few words: "string, 1–64 characters, a slug", "integer ≥ 0". */
function summary(schema: Schema): string {
  if (schema.enum) return `one of ${schema.enum.map((v) => JSON.stringify(v)).join(", ")}`;
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const types = [schema.type ?? (schema.properties ? "object" : "any")].flat();
  const words = [types.join(" or ")];
  if (schema.format) words.push(schema.format);
  if (schema.minLength !== undefined || schema.maxLength !== undefined) words.push(`${schema.minLength ?? 0}–${schema.maxLength ?? "∞"} characters`);
  if (schema.minimum !== undefined && schema.minimum !== -MAX_SAFE) words.push(`≥ ${schema.minimum}`);
  if (schema.maximum !== undefined && schema.maximum !== MAX_SAFE) words.push(`≤ ${schema.maximum}`);
  if (schema.minItems !== undefined || schema.maxItems !== undefined) words.push(`${schema.minItems ?? 0}–${schema.maxItems ?? "∞"} items`);
  if (schema.pattern && !schema.format) words.push(`matching ${schema.pattern}`);
  if (schema.default !== undefined) words.push(`default ${JSON.stringify(schema.default)}`);
  return words.join(", ");
}

export function SchemaView({ schema, components = {}, inline = false, label }: { schema: Schema; components?: Record<string, Schema>; inline?: boolean; label?: string }) {
  const resolved = schema.$ref ? (components[schema.$ref.replace("#/components/schemas/", "")] ?? {}) : schema;
  const variants = resolved.oneOf ?? resolved.anyOf;
  // A nullable value: the value's own description, then "or null".
  const nonNull = variants?.filter((variant) => variant.type !== "null");
  if (variants && nonNull!.length === 1) {
    return (
      <>
        <SchemaView schema={nonNull![0]!} components={components} inline={inline} label={label} /> <span>or null</span>
      </>
    );
  }
  if (inline && !resolved.properties && !variants) return <span>{summary(resolved)}</span>;
  if (variants) {
    return (
      <ol aria-label={label ? `${label}: one of` : undefined}>
        {variants.map((variant, i) => (
          <li key={i}>
            <SchemaView schema={variant} components={components} />
          </li>
        ))}
      </ol>
    );
  }
  if (resolved.type === "array" && resolved.items) {
    return (
      <div>
        <span>{summary(resolved)} of:</span>
        <SchemaView schema={resolved.items} components={components} />
      </div>
    );
  }
  if (!resolved.properties) return <span>{summary(resolved)}</span>;
  return (
    <ul aria-label={label}>
      {Object.entries(resolved.properties).map(([name, field]) => (
        <li key={name}>
          <code>{name}</code> {resolved.required?.includes(name) ? <strong>required</strong> : <span className="muted">optional</span>}{" "}
          <FieldType schema={field} components={components} />
          {field.description && (
            <span className="muted">
              {" "}
              <Words text={field.description} />
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

function FieldType({ schema, components }: { schema: Schema; components: Record<string, Schema> }) {
  const nested = schema.properties || schema.oneOf || schema.anyOf || (schema.type === "array" && (schema.items?.properties || schema.items?.oneOf));
  if (!nested) return <span>{summary(schema.type === "array" && schema.items ? { ...schema, type: `array of ${summary(schema.items)}` } : schema)}</span>;
  return <SchemaView schema={schema} components={components} />;
}
