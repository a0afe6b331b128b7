import type { SchemaObject } from "../openapi-types.js";
import { componentRef } from "../schema-components.js";
import type { SwaggerSchema } from "./swagger-types.js";

/** Where a definition is found from elsewhere in the v2 document. */
export const definitionRef = (name: string): string => `#/definitions/${name}`;

const componentPrefix = componentRef("");

/**
 * One OpenAPI 3.0 schema of the v3 documents as OpenAPI v2 writes it, the
 * way Kubernetes' own v2 document does and kubectl's v2 parser
 * (kube-openapi's util/proto) reads it:
 * - a `$ref` stands alone (the v3 `allOf: [{$ref}]` wrapper, there only to
 *   carry a default, becomes the `$ref` with its description);
 * - a union (IntOrString, Quantity) is a `string` that keeps its format:
 *   kubectl's validation takes any scalar for a string, and v2 has no oneOf;
 * - defaults are left out: v2 readers validate, they do not default.
 */
export function swaggerSchema(schema: SchemaObject): SwaggerSchema {
  const ref = referenceOf(schema);
  if (ref !== undefined) {
    const out: SwaggerSchema = { $ref: ref };
    if (typeof schema.description === "string") out.description = schema.description;
    return out;
  }
  const out: SwaggerSchema = {};
  if (typeof schema.description === "string") out.description = schema.description;
  const type = typeOf(schema);
  if (type !== undefined) out.type = type;
  if (typeof schema.format === "string") out.format = schema.format;
  if (schema.required && schema.required.length > 0) out.required = [...schema.required];
  if (schema.enum) out.enum = [...schema.enum];
  const items = Array.isArray(schema.items) ? schema.items[0] : schema.items;
  if (typeof items === "object") out.items = swaggerSchema(items);
  if (schema.properties) {
    const properties: Record<string, SwaggerSchema> = {};
    for (const [name, property] of Object.entries(schema.properties)) properties[name] = typeof property === "object" ? swaggerSchema(property) : {};
    out.properties = properties;
  }
  const additional = schema.additionalProperties;
  if (typeof additional === "object") out.additionalProperties = swaggerSchema(additional);
  else if (typeof additional === "boolean") out.additionalProperties = additional;
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith("x-")) out[key as `x-${string}`] = value;
  }
  return out;
}

/** The v2 form of the schema's reference: its own `$ref`, or the one `allOf` wraps. */
function referenceOf(schema: SchemaObject): string | undefined {
  const wrapped = schema.allOf?.length === 1 && !schema.type && !schema.properties ? schema.allOf[0]?.$ref : undefined;
  const ref = schema.$ref ?? wrapped;
  if (ref === undefined) return undefined;
  if (!ref.startsWith(componentPrefix)) throw new Error(`OpenAPI reference "${ref}" is not to a component schema`);
  return definitionRef(ref.slice(componentPrefix.length));
}

/** The single type v2 allows: a union that may be a string is a string; any other union is left untyped (anything goes). */
function typeOf(schema: SchemaObject): string | undefined {
  if (typeof schema.type === "string") return schema.type;
  const members = [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])];
  if (members.some((member) => member.type === "string")) return "string";
  return undefined;
}
