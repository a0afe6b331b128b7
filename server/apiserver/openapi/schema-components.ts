import { z } from "zod";
import { intOrString, quantity, time } from "../../../src/api/schema/primitives.js";
import type { Schema } from "../../../src/api/schema/shape.js";
import { apiPackageOf, definitionNameOf, namedSchemas } from "./definition-names.js";
import type { GroupVersionKind, SchemaObject } from "./openapi-types.js";

/** A served kind's schema and the kind it describes. */
export interface KindSchema {
  gvk: GroupVersionKind;
  schema: Schema;
}

/** Where a component is found from elsewhere in the same document. */
export const componentRef = (name: string): string => `#/components/schemas/${name}`;

/**
 * The `components.schemas` of skiff's OpenAPI documents: every kind, and
 * every structure named in definition-names.ts, converted from the object
 * model's zod schemas (their input side: what a client may send) and
 * written as Kubernetes writes its own: `format: int32`/`int64` integers,
 * IntOrString and Quantity as Kubernetes publishes them, free JSON marked
 * `x-kubernetes-preserve-unknown-fields`, `required` as Kubernetes marks it,
 * and each kind carrying `x-kubernetes-group-version-kind`, by which
 * kubectl finds it. Named schemas are `$ref`s to each other.
 */
export function componentSchemas(kinds: readonly KindSchema[]): Record<string, SchemaObject> {
  const registry = z.registry<{ id: string }>();
  const named = new Set<Schema>();
  const ids = new Set<string>();
  const name = (schema: Schema, id: string): void => {
    // The first name wins: a schema reached twice keeps one name, a name is given once.
    if (named.has(schema) || ids.has(id)) return;
    registry.add(schema, { id });
    named.add(schema);
    ids.add(id);
  };
  for (const kind of kinds) name(kind.schema, definitionNameOf(kind.gvk));
  for (const [schema, id] of namedSchemas) name(schema, id);
  for (const kind of kinds) {
    const pkg = apiPackageOf(kind.gvk.group, kind.gvk.version);
    for (const [field, suffix] of [["spec", "Spec"], ["status", "Status"]] as const) {
      const part = objectField(kind.schema, field);
      if (part) name(part, `${pkg}.${kind.gvk.kind}${suffix}`);
    }
  }

  const converted = z.toJSONSchema(registry, {
    target: "openapi-3.0",
    io: "input",
    unrepresentable: "any",
    uri: componentRef,
    override: ({ zodSchema, jsonSchema }) => kubernetesFlavour(zodSchema, jsonSchema),
  });
  const schemas: Record<string, SchemaObject> = {};
  for (const [id, schema] of Object.entries(converted.schemas)) {
    // zod puts schemas it cannot inline (cycles) under "__shared"; the object model has none.
    if (!ids.has(id)) throw new Error(`unexpected schema "${id}" from the zod conversion`);
    delete schema.$id;
    schemas[id] = schema;
  }
  for (const kind of kinds) {
    const schema = schemas[definitionNameOf(kind.gvk)];
    if (schema) schema["x-kubernetes-group-version-kind"] = [{ ...kind.gvk }];
  }
  for (const [id, fields] of optionalInKubernetes) {
    const schema = schemas[id];
    if (schema?.required) schema.required = schema.required.filter((field) => !fields.includes(field));
    if (schema?.required?.length === 0) delete schema.required;
  }
  return schemas;
}

/**
 * Fields the object model defaults (so the rule below calls them
 * required) that Kubernetes marks `+optional` all the same. kubectl
 * enforces `required` when it validates the items of a `kind: List` from
 * /openapi/v2, so a field listed wrongly would refuse a valid file.
 */
const optionalInKubernetes: ReadonlyArray<readonly [string, readonly string[]]> = [
  ["io.k8s.api.rbac.v1.Role", ["rules"]],
  ["io.k8s.api.rbac.v1.ClusterRole", ["rules"]],
  ["io.k8s.api.core.v1.Event", ["reportingComponent", "reportingInstance"]],
];

/**
 * The object schema under `field` of a kind (its `spec`, its `status`),
 * looking through the optional/default wrappers a field sits in.
 */
function objectField(kind: Schema, field: string): Schema | undefined {
  const def = kind._zod.def;
  if (def.type !== "object") return undefined;
  let current: Schema | undefined = (def as z.core.$ZodObjectDef).shape[field];
  while (current) {
    const inner: z.core.$ZodTypeDef = current._zod.def;
    if (inner.type === "object") return current;
    if (inner.type !== "optional" && inner.type !== "default" && inner.type !== "prefault") return undefined;
    current = (inner as z.core.$ZodOptionalDef).innerType;
  }
  return undefined;
}

/** Rewrites one converted schema, in place, the way Kubernetes writes the same type. */
function kubernetesFlavour(zodSchema: Schema, json: SchemaObject): void {
  if (zodSchema === intOrString) {
    // Kubernetes publishes IntOrString with this format and oneOf; the
    // extension is the same fact in the words CRD schemas and tools use.
    replace(json, {
      format: "int-or-string",
      oneOf: [{ type: "integer" }, { type: "string" }],
      "x-kubernetes-int-or-string": true,
    });
    return;
  }
  if (zodSchema === quantity) {
    replace(json, { oneOf: [{ type: "string" }, { type: "number" }] });
    return;
  }
  if (zodSchema === time) {
    replace(json, { type: "string", format: "date-time" });
    return;
  }
  const def = zodSchema._zod.def;
  switch (def.type) {
    case "number":
      integerFormat(def as z.core.$ZodNumberDef, json);
      return;
    case "object":
      requiredFields(def as z.core.$ZodObjectDef, json);
      return;
    case "record":
      if (isFreeJson((def as z.core.$ZodRecordDef).valueType)) replace(json, { type: "object", "x-kubernetes-preserve-unknown-fields": true });
      return;
    case "unknown":
    case "any":
      replace(json, { "x-kubernetes-preserve-unknown-fields": true });
      return;
  }
}

/** Go's int32 and int64 as Kubernetes writes them: a format, not bounds. */
function integerFormat(def: z.core.$ZodNumberDef, json: SchemaObject): void {
  const format = (def as { format?: string }).format;
  const width = format === "int32" ? "int32" : format === "safeint" ? "int64" : undefined;
  if (width === undefined) return;
  delete json.minimum;
  delete json.maximum;
  json.format = width;
}

/**
 * Kubernetes marks a field required when its Go field is not `omitempty`;
 * the object model reads such a field's absence as Go's zero value with a
 * zod `.default(...)`. So the fields with a default are the required ones
 * (`containers`, `containers[].name`, `ports[].containerPort`), and no
 * other: zod would also count `apiVersion` and `kind`, which Kubernetes
 * does not.
 */
function requiredFields(def: z.core.$ZodObjectDef, json: SchemaObject): void {
  const required = Object.entries(def.shape)
    .filter(([, field]) => field._zod.def.type === "default")
    .map(([key]) => key);
  if (required.length > 0) json.required = required;
  else delete json.required;
}

function isFreeJson(schema: Schema): boolean {
  const type = schema._zod.def.type;
  return type === "unknown" || type === "any";
}

function replace(json: SchemaObject, next: SchemaObject): void {
  for (const key of Object.keys(json)) delete json[key];
  Object.assign(json, next);
}
