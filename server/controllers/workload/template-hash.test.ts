import { describe, expect, it } from "vitest";
import { podTemplateHash } from "./template-hash.js";

const template = (image: string, extra: Record<string, unknown> = {}) => ({
  metadata: { labels: { app: "web", tier: "front" } },
  spec: { containers: [{ name: "main", image }], ...extra },
});

describe("podTemplateHash", () => {
  it("is stable, in the safe alphabet, and blind to key order and empty fields", () => {
    const hash = podTemplateHash(template("nginx:1"));
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    expect(podTemplateHash(template("nginx:1"))).toBe(hash);
    const reordered = { spec: { containers: [{ image: "nginx:1", name: "main" }], volumes: [] }, metadata: { labels: { tier: "front", app: "web" }, annotations: {} } };
    expect(podTemplateHash(reordered)).toBe(hash);
  });

  it("changes with the template and with the collision count", () => {
    const hash = podTemplateHash(template("nginx:1"));
    expect(podTemplateHash(template("nginx:2"))).not.toBe(hash);
    expect(podTemplateHash(template("nginx:1"), 0)).not.toBe(hash);
    expect(podTemplateHash(template("nginx:1"), 1)).not.toBe(podTemplateHash(template("nginx:1"), 0));
  });
});
