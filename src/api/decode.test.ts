import { describe, expect, it } from "vitest";
import { decodeObject, strictDecodingMessage, unknownFieldWarnings } from "./decode.js";
import { formatFieldError } from "./validation/field-error.js";

const messages = (input: unknown, unknownFields?: "strict" | "warn" | "ignore"): string[] => {
  const result = decodeObject(input, unknownFields ? { unknownFields } : {});
  return result.ok ? [] : result.errors.map(formatFieldError);
};

const pod = (spec: unknown, extra: Record<string, unknown> = {}) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "web" },
  spec,
  ...extra,
});

describe("decodeObject", () => {
  it("decodes, defaults and names the kind", () => {
    const result = decodeObject(pod({ containers: [{ name: "web", image: "nginx" }] }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.kind.resource).toBe("pods");
    const object = result.object;
    if (object.kind !== "Pod") throw new Error(`decoded a ${object.kind}`);
    expect(object.spec.restartPolicy).toBe("Always");
    expect(object.spec.containers[0]?.imagePullPolicy).toBe("Always");
  });

  it("requires apiVersion and kind", () => {
    expect(messages({ metadata: { name: "x" } })).toEqual(["apiVersion: Required value", "kind: Required value"]);
    expect(messages({ apiVersion: 1, kind: ["Pod"] })).toEqual([
      "apiVersion: Invalid value: 1: must be of type string",
      'kind: Invalid value: "array": must be of type string',
    ]);
  });

  it("names a kind or version it does not know", () => {
    expect(messages({ apiVersion: "v1", kind: "Pdo" })).toEqual(['kind: Invalid value: "Pdo": no kind "Pdo" is registered for version "v1"']);
    expect(messages({ apiVersion: "apps/v2", kind: "Deployment" })).toEqual([
      'apiVersion: Invalid value: "apps/v2": no matches for kind "Deployment" in version "apps/v2"',
    ]);
  });

  it("refuses anything but an object", () => {
    for (const input of [null, undefined, 5, "pod", [], true]) {
      expect(decodeObject(input).ok).toBe(false);
    }
    expect(messages([])).toEqual(['<root>: Invalid value: "array": must be of type object']);
  });

  it("reports unknown fields and type errors together", () => {
    expect(
      messages(pod({ contianers: [], containers: [{ name: "web", image: 3, imagePullPolicy: "Always", port: 80 }] }, { stauts: {} })),
    ).toEqual([
      "spec.contianers: Unknown field",
      "spec.containers[0].port: Unknown field",
      "stauts: Unknown field",
      "spec.containers[0].image: Invalid value: 3: must be of type string",
    ]);
    expect(messages(pod({ contianers: [], containers: [{ name: "web", image: "x" }] }), "ignore")).toEqual([]);
  });

  it("words unknown fields as Kubernetes does, refused or warned", () => {
    const input = pod({ contianers: [], containers: [{ name: "web", image: "x" }] }, { stauts: {} });
    const strict = decodeObject(input);
    expect(strict.ok ? undefined : strictDecodingMessage(strict.errors)).toBe(
      'strict decoding error: unknown field "spec.contianers", unknown field "stauts"',
    );
    const warned = decodeObject(input, { unknownFields: "warn" });
    expect(warned.ok && unknownFieldWarnings(warned.warnings)).toEqual(['unknown field "spec.contianers"', 'unknown field "stauts"']);
    const ignored = decodeObject(input, { unknownFields: "ignore" });
    expect(ignored.ok && ignored.warnings).toEqual([]);
    expect(strictDecodingMessage([])).toBeUndefined();
  });

  it("reports every validation problem at once", () => {
    expect(messages(pod({ restartPolicy: "Sometimes", containers: [{ name: "Web" }] }))).toEqual([
      "spec.containers[0].name: Invalid value: \"Web\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      "spec.containers[0].image: Required value",
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    ]);
  });

  it("reads kubectl's `creationTimestamp: null` and empty status", () => {
    expect(messages({ ...pod({ containers: [{ name: "a", image: "b" }] }), metadata: { name: "a", creationTimestamp: null }, status: {} })).toEqual([]);
  });
});

/** A small deterministic generator, so the fuzz run is the same every time. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function junk(next: () => number, depth: number): unknown {
  const pick = Math.floor(next() * 12);
  if (depth > 6) return pick % 2 === 0 ? null : "x";
  switch (pick) {
    case 0:
      return null;
    case 1:
      return Math.floor(next() * 1e6) - 5e5;
    case 2:
      return next() * 1e300;
    case 3:
      return "a".repeat(Math.floor(next() * 300));
    case 4:
      return next() > 0.5;
    case 5:
      return [];
    case 6:
      return {};
    case 7:
      return Array.from({ length: 3 }, () => junk(next, depth + 1));
    case 8:
      return { name: junk(next, depth + 1), image: junk(next, depth + 1), __proto__x: 1 };
    case 9:
      return JSON.parse('{"__proto__": {"polluted": true}, "constructor": 1}');
    case 10:
      return Number.NaN;
    default:
      return { [String(next())]: junk(next, depth + 1) };
  }
}

/** Replaces one random subtree of a JSON value with junk. */
function mutate(value: unknown, next: () => number, depth = 0): unknown {
  if (next() < 0.25 || depth > 8) return junk(next, 0);
  if (Array.isArray(value)) {
    const copy: unknown[] = [...value];
    if (copy.length > 0) {
      const i = Math.floor(next() * copy.length);
      copy[i] = mutate(copy[i], next, depth + 1);
    }
    return copy;
  }
  if (value !== null && typeof value === "object") {
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    const keys = Object.keys(copy);
    const key = keys[Math.floor(next() * keys.length)];
    if (key !== undefined) copy[key] = mutate(copy[key], next, depth + 1);
    return copy;
  }
  return junk(next, 0);
}

describe("decodeObject on hostile input", () => {
  const manifest = pod({
    volumes: [{ name: "data", emptyDir: {} }],
    containers: [
      {
        name: "web",
        image: "nginx",
        ports: [{ containerPort: 80, name: "http" }],
        env: [{ name: "A", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } }],
        resources: { limits: { cpu: "1" } },
        volumeMounts: [{ name: "data", mountPath: "/data" }],
        livenessProbe: { httpGet: { port: "http" } },
      },
    ],
    affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{}] } } },
    tolerations: [{ operator: "Exists" }],
  });

  it("never throws on mutated manifests and random junk", () => {
    const next = random(42);
    for (let i = 0; i < 3000; i++) {
      const input = i % 3 === 0 ? junk(next, 0) : mutate(manifest, next);
      const result = decodeObject(input);
      expect(typeof result.ok).toBe("boolean");
      if (!result.ok) expect(result.errors.length).toBeGreaterThan(0);
    }
  });

  it("survives deep nesting, huge strings and prototype keys", () => {
    let deep: unknown = {};
    for (let i = 0; i < 20_000; i++) deep = { a: deep };
    const withDeep = {
      ...(manifest as Record<string, unknown>),
      metadata: { name: "web", managedFields: [{ operation: "Apply", fieldsV1: deep }] },
    };
    expect(messages(withDeep)).toEqual(['metadata.managedFields[0].fieldsV1: Invalid value: "object": must not nest deeper than 100 levels']);
    let deepArray: unknown = [];
    for (let i = 0; i < 20_000; i++) deepArray = [deepArray];
    expect(decodeObject(pod(deepArray)).ok).toBe(false);
    const huge = "a".repeat(2_000_000);
    expect(decodeObject(pod({ containers: [{ name: huge, image: huge }] }, { metadata: { name: huge, labels: { [huge]: huge } } })).ok).toBe(false);
    const polluted = JSON.parse('{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a","labels":{"__proto__":"x"}},"spec":{"containers":[{"name":"a","image":"b"}]}}');
    expect(decodeObject(polluted).ok).toBe(false);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
});
