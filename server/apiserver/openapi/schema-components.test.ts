import { describe, expect, it } from "vitest";
import { z } from "zod";
import { servedKinds } from "../../../src/api/registry.js";
import { metadataField } from "../../../src/api/meta/v1/object-meta.js";
import { typeFields } from "../../../src/api/meta/v1/type-meta.js";
import { int32, intOrString, quantity, stringMap } from "../../../src/api/schema/primitives.js";
import type { SchemaObject } from "./openapi-types.js";
import { componentSchemas } from "./schema-components.js";

const meta = "io.k8s.apimachinery.pkg.apis.meta.v1";
const core = "io.k8s.api.core.v1";
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const served = componentSchemas(
  servedKinds.map((kind) => ({ gvk: { group: kind.group, version: kind.version, kind: kind.kind }, schema: kind.schema })),
);

/** A schema by name, failing the test when it is missing. */
function component(schemas: Record<string, SchemaObject>, name: string): SchemaObject {
  const schema = schemas[name];
  if (!schema) throw new Error(`no component ${name}; have ${Object.keys(schemas).join(", ")}`);
  return schema;
}

function property(schema: SchemaObject, name: string): SchemaObject {
  const value = schema.properties?.[name];
  if (typeof value !== "object") throw new Error(`no property ${name}`);
  return value;
}

// A kind of our own, so the naming rules are tested apart from whatever the registry holds today.
const widgetSchema = z.object({
  ...typeFields("example.skiff.dev/v1alpha1", "Widget"),
  metadata: metadataField,
  spec: z
    .object({
      size: int32.default(0),
      port: intOrString.optional(),
      labels: stringMap.optional(),
      limits: z.record(z.string(), quantity).optional(),
      settings: z.record(z.string(), z.unknown()).optional(),
      anything: z.unknown().optional(),
    })
    .prefault({}),
  status: z.object({ ready: z.boolean().optional() }).optional(),
});
const widgetGvk = { group: "example.skiff.dev", version: "v1alpha1", kind: "Widget" };
const widgets = componentSchemas([{ gvk: widgetGvk, schema: widgetSchema }]);

describe("component schemas of the served kinds", () => {
  it("names every served kind as Kubernetes does and marks it with its group, version and kind", () => {
    expect(servedKinds.length).toBeGreaterThan(0);
    for (const kind of servedKinds) {
      const pkg = kind.group === "" ? "core" : kind.group.split(".")[0];
      const schema = component(served, `io.k8s.api.${pkg}.${kind.version}.${kind.kind}`);
      expect(schema["x-kubernetes-group-version-kind"]).toEqual([{ group: kind.group, version: kind.version, kind: kind.kind }]);
      expect(schema.type).toBe("object");
    }
  });

  it("refers to shared structures by their Kubernetes names", () => {
    const pod = component(served, `${core}.Pod`);
    expect(property(pod, "metadata")).toEqual({ default: {}, allOf: [ref(`${meta}.ObjectMeta`)] });
    expect(property(pod, "spec")).toEqual({ default: {}, allOf: [ref(`${core}.PodSpec`)] });
    expect(property(component(served, `${core}.PodSpec`), "containers")).toEqual({ type: "array", items: ref(`${core}.Container`) });
  });

  it("marks as required the fields Kubernetes requires, and no others", () => {
    expect(component(served, `${core}.Container`).required).toEqual(["name"]);
    expect(component(served, `${core}.PodSpec`).required).toEqual(["containers"]);
    expect(component(served, `${core}.ContainerPort`).required).toEqual(["containerPort"]);
    expect(component(served, `${core}.Pod`).required).toBeUndefined();
    expect(component(served, `${meta}.ObjectMeta`).required).toBeUndefined();
    // Defaulted in the object model, optional in Kubernetes: an aggregated ClusterRole has no rules.
    expect(component(served, "io.k8s.api.rbac.v1.ClusterRole").required).toBeUndefined();
    expect(component(served, `${core}.Event`).required).toBeUndefined();
  });

  it("writes Go's integers with their format instead of bounds", () => {
    expect(property(component(served, `${core}.ContainerPort`), "containerPort")).toEqual({ default: 0, type: "integer", format: "int32" });
    expect(property(component(served, `${meta}.ObjectMeta`), "generation")).toEqual({ type: "integer", format: "int64" });
  });

  it("publishes IntOrString, Quantity and Time as Kubernetes does", () => {
    expect(component(served, "io.k8s.apimachinery.pkg.util.intstr.IntOrString")).toEqual({
      format: "int-or-string",
      oneOf: [{ type: "integer" }, { type: "string" }],
      "x-kubernetes-int-or-string": true,
    });
    expect(component(served, "io.k8s.apimachinery.pkg.api.resource.Quantity")).toEqual({ oneOf: [{ type: "string" }, { type: "number" }] });
    expect(component(served, `${meta}.Time`)).toEqual({ type: "string", format: "date-time" });
    expect(property(component(served, `${core}.HTTPGetAction`), "port")).toEqual({
      default: 0,
      allOf: [ref("io.k8s.apimachinery.pkg.util.intstr.IntOrString")],
    });
  });

  it("writes maps with additionalProperties and free JSON as preserving unknown fields", () => {
    expect(property(component(served, `${meta}.ObjectMeta`), "labels")).toEqual({ type: "object", additionalProperties: { type: "string" } });
    expect(property(component(served, `${meta}.ManagedFieldsEntry`), "fieldsV1")).toEqual({
      type: "object",
      "x-kubernetes-preserve-unknown-fields": true,
    });
  });

  it("leaves no zod ids in the output", () => {
    expect(JSON.stringify(served)).not.toContain('"$id"');
  });
});

describe("component schemas of a kind the naming table does not know", () => {
  const pkg = "io.k8s.api.example.v1alpha1";

  it("names the kind, its spec and its status by Kubernetes' rule", () => {
    expect(Object.keys(widgets)).toEqual(
      expect.arrayContaining([`${pkg}.Widget`, `${pkg}.WidgetSpec`, `${pkg}.WidgetStatus`, `${meta}.ObjectMeta`]),
    );
    const widget = component(widgets, `${pkg}.Widget`);
    expect(widget["x-kubernetes-group-version-kind"]).toEqual([widgetGvk]);
    expect(property(widget, "status")).toEqual({ allOf: [ref(`${pkg}.WidgetStatus`)] });
  });

  it("converts each kind of field", () => {
    const spec = component(widgets, `${pkg}.WidgetSpec`);
    expect(spec.required).toEqual(["size"]);
    expect(property(spec, "size")).toEqual({ default: 0, type: "integer", format: "int32" });
    expect(property(spec, "port")).toEqual({ allOf: [ref("io.k8s.apimachinery.pkg.util.intstr.IntOrString")] });
    expect(property(spec, "labels")).toEqual({ type: "object", additionalProperties: { type: "string" } });
    expect(property(spec, "limits")).toEqual({ type: "object", additionalProperties: ref("io.k8s.apimachinery.pkg.api.resource.Quantity") });
    expect(property(spec, "settings")).toEqual({ type: "object", "x-kubernetes-preserve-unknown-fields": true });
    expect(property(spec, "anything")).toEqual({ "x-kubernetes-preserve-unknown-fields": true });
  });
});
