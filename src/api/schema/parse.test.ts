import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formatFieldError } from "../validation/field-error.js";
import { parseWith } from "./parse.js";
import { int32, intOrString, quantity, stringMap, time } from "./primitives.js";

const container = z.object({
  name: z.string().default(""),
  image: z.string().optional(),
  args: z.array(z.string()).optional(),
  resources: z.object({ limits: z.record(z.string(), quantity).optional() }).optional(),
  port: intOrString.optional(),
});
const schema = z.object({
  metadata: z.object({ labels: stringMap.optional() }).prefault({}),
  spec: z
    .object({
      replicas: int32.optional(),
      containers: z.array(container).default(() => []),
    })
    .prefault({}),
});

const messages = (input: unknown, policy: "strict" | "ignore" = "strict"): string[] => {
  const result = parseWith(schema, input, policy);
  return result.ok ? [] : result.errors.map(formatFieldError);
};

describe("parseWith", () => {
  it("fills Go's zero values for fields that are always present", () => {
    const result = parseWith(schema, { spec: { containers: [{ image: "nginx" }] } });
    expect(result).toEqual({ ok: true, value: { metadata: {}, spec: { containers: [{ name: "", image: "nginx" }] } }, warnings: [] });
  });

  it("reads null as the zero value, as Go's decoder does", () => {
    const result = parseWith(schema, {
      metadata: { labels: { app: null } },
      spec: { replicas: null, containers: [null, { name: "a", args: [null, "x"] }] },
    });
    expect(result).toEqual({
      ok: true,
      value: {
        metadata: { labels: { app: "" } },
        spec: { containers: [{ name: "" }, { name: "a", args: ["", "x"] }] },
      },
      warnings: [],
    });
  });

  it("reports unknown fields with their full path, and keeps map keys", () => {
    expect(
      messages({
        metadata: { labels: { anything: "goes" }, lables: {} },
        spec: { contianers: [], containers: [{ name: "a", imagee: "x" }] },
        extra: null,
      }),
    ).toEqual([
      "metadata.lables: Unknown field",
      "spec.contianers: Unknown field",
      "spec.containers[0].imagee: Unknown field",
      "extra: Unknown field",
    ]);
    expect(messages({ spec: { contianers: [] } }, "ignore")).toEqual([]);
  });

  it("reports every type error with a Kubernetes-style path", () => {
    expect(
      messages({
        metadata: { labels: { version: 1 } },
        spec: {
          replicas: "three",
          containers: [{ name: 5, args: "x", resources: { limits: { cpu: true } }, port: 1.5 }, "web"],
        },
      }),
    ).toEqual([
      "metadata.labels[version]: Invalid value: 1: must be of type string",
      'spec.replicas: Invalid value: "three": must be of type int32',
      "spec.containers[0].name: Invalid value: 5: must be of type string",
      'spec.containers[0].args: Invalid value: "x": must be of type array',
      'spec.containers[0].resources.limits[cpu]: Invalid value: true: must be a quantity (a string such as "500m" or a number)',
      "spec.containers[0].port: Invalid value: 1.5: must be an integer or a string",
      'spec.containers[1]: Invalid value: "web": must be of type object',
    ]);
    expect(messages({ spec: { replicas: 3e10 } })).toEqual(["spec.replicas: Invalid value: 30000000000: must be of type int32"]);
    expect(messages({ spec: { containers: { a: 1 } } })).toEqual([
      'spec.containers: Invalid value: "object": must be of type array',
    ]);
  });

  it("writes numeric quantities back as text", () => {
    const result = parseWith(schema, { spec: { containers: [{ name: "a", resources: { limits: { cpu: 1, memory: "1Gi" } } }] } });
    expect(result.ok && result.value.spec.containers[0]?.resources?.limits).toEqual({ cpu: "1", memory: "1Gi" });
  });

  it("refuses a map key named __proto__ rather than losing it", () => {
    const result = parseWith(z.object({ data: stringMap }), JSON.parse('{"data": {"__proto__": "x", "a": "b"}}'));
    expect(result.ok ? [] : result.errors.map(formatFieldError)).toEqual(['data[__proto__]: Invalid value: "__proto__": is not supported as a key']);
    expect(({} as Record<string, unknown>)["x"]).toBeUndefined();
  });
});

describe("timestamps", () => {
  const stamped = z.object({ at: time.optional() });
  it("accept RFC 3339, with or without a fraction", () => {
    for (const at of ["2024-05-01T12:00:00Z", "2024-05-01T12:00:00.123456Z", "2024-05-01T14:00:00+02:00"]) {
      expect(parseWith(stamped, { at }).ok).toBe(true);
    }
  });
  it("refuse anything else", () => {
    const result = parseWith(stamped, { at: "yesterday" });
    expect(result.ok ? [] : result.errors.map(formatFieldError)).toEqual([
      'at: Invalid value: "yesterday": must be an RFC 3339 timestamp (e.g. 2024-05-01T12:00:00Z)',
    ]);
  });
});
