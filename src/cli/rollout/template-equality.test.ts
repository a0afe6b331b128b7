import { describe, expect, it } from "vitest";
import { equalIgnoreHash, withoutHashLabel } from "./template-equality.js";

const template = (labels: Record<string, string>, spec: Record<string, unknown> = { containers: [{ name: "main", image: "nginx:1" }] }) => ({
  metadata: { labels },
  spec,
});

describe("withoutHashLabel", () => {
  it("drops pod-template-hash and nothing else, leaving the input as it was", () => {
    const hashed = template({ app: "web", "pod-template-hash": "abc" });
    expect(withoutHashLabel(hashed)).toEqual(template({ app: "web" }));
    expect(hashed.metadata.labels["pod-template-hash"]).toBe("abc");
    expect(withoutHashLabel(template({ app: "web" }))).toEqual(template({ app: "web" }));
  });

  it("leaves labels out when the hash was the only one, as Go omits an empty map", () => {
    expect(withoutHashLabel({ metadata: { labels: { "pod-template-hash": "abc" }, name: "x" }, spec: {} })).toEqual({ metadata: { name: "x" }, spec: {} });
  });
});

describe("equalIgnoreHash", () => {
  it("ignores the hash label but not other labels or the spec", () => {
    expect(equalIgnoreHash(template({ app: "web", "pod-template-hash": "abc" }), template({ app: "web" }))).toBe(true);
    expect(equalIgnoreHash(template({ app: "web", tier: "x" }), template({ app: "web" }))).toBe(false);
    expect(equalIgnoreHash(template({ app: "web" }, { containers: [{ name: "main", image: "nginx:2" }] }), template({ app: "web" }))).toBe(false);
  });

  it("counts absent, null, empty lists and empty maps as the same, as semantic equality does", () => {
    const bare = { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "main" }] } };
    const padded = { metadata: { labels: { app: "web" }, annotations: {} }, spec: { containers: [{ name: "main", env: [], resources: {} }], volumes: null } };
    expect(equalIgnoreHash(bare, padded)).toBe(true);
    expect(equalIgnoreHash(bare, { ...padded, spec: { containers: [{ name: "main", args: [""] }] } })).toBe(false);
  });

  it("compares list order and scalar types", () => {
    const two = (a: string, b: string) => ({ spec: { containers: [{ name: a }, { name: b }] } });
    expect(equalIgnoreHash(two("a", "b"), two("b", "a"))).toBe(false);
    expect(equalIgnoreHash({ spec: { terminationGracePeriodSeconds: 30 } }, { spec: { terminationGracePeriodSeconds: "30" } })).toBe(false);
  });
});
