import { describe, expect, it } from "vitest";
import { swaggerSchema } from "./swagger-schema.js";

const meta = "io.k8s.apimachinery.pkg.apis.meta.v1";

describe("swaggerSchema", () => {
  it("turns the v3 allOf wrapper into a plain $ref into the definitions, keeping the description", () => {
    expect(swaggerSchema({ default: {}, description: "Standard metadata.", allOf: [{ $ref: `#/components/schemas/${meta}.ObjectMeta` }] })).toEqual({
      $ref: `#/definitions/${meta}.ObjectMeta`,
      description: "Standard metadata.",
    });
    expect(swaggerSchema({ $ref: "#/components/schemas/io.k8s.api.core.v1.Container" })).toEqual({ $ref: "#/definitions/io.k8s.api.core.v1.Container" });
  });

  it("writes IntOrString and Quantity as v2 does: a string, keeping the format and extensions", () => {
    const intOrString = { format: "int-or-string", oneOf: [{ type: "integer" as const }, { type: "string" as const }], "x-kubernetes-int-or-string": true };
    expect(swaggerSchema(intOrString)).toEqual({ type: "string", format: "int-or-string", "x-kubernetes-int-or-string": true });
    expect(swaggerSchema({ oneOf: [{ type: "string" }, { type: "number" }] })).toEqual({ type: "string" });
    expect(swaggerSchema({ anyOf: [{ type: "integer" }, { type: "boolean" }] })).toEqual({});
  });

  it("converts objects, arrays and maps all the way down, dropping defaults", () => {
    const v3 = {
      type: "object" as const,
      required: ["name"],
      properties: {
        name: { type: "string" as const, default: "" },
        ports: { type: "array" as const, items: { allOf: [{ $ref: "#/components/schemas/io.k8s.api.core.v1.ContainerPort" }], default: {} } },
        labels: { type: "object" as const, additionalProperties: { type: "string" as const } },
        policy: { type: "string" as const, enum: ["Always", "Never"] },
        settings: { type: "object" as const, "x-kubernetes-preserve-unknown-fields": true },
        strict: { type: "object" as const, properties: {}, additionalProperties: false },
      },
      "x-kubernetes-group-version-kind": [{ group: "", version: "v1", kind: "Thing" }],
    };
    expect(swaggerSchema(v3)).toEqual({
      type: "object",
      required: ["name"],
      properties: {
        name: { type: "string" },
        ports: { type: "array", items: { $ref: "#/definitions/io.k8s.api.core.v1.ContainerPort" } },
        labels: { type: "object", additionalProperties: { type: "string" } },
        policy: { type: "string", enum: ["Always", "Never"] },
        settings: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
        strict: { type: "object", properties: {}, additionalProperties: false },
      },
      "x-kubernetes-group-version-kind": [{ group: "", version: "v1", kind: "Thing" }],
    });
  });

  it("refuses a reference that is not to a component, which v2 could not resolve", () => {
    expect(() => swaggerSchema({ $ref: "https://example.com/schema.json" })).toThrow(/not to a component/);
  });
});
