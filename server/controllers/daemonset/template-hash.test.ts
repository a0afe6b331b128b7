import { describe, expect, it } from "vitest";
import { templateHash } from "./template-hash.js";

describe("templateHash", () => {
  it("is the same for equal templates whatever their key order, and differs when the template or the collision count does", () => {
    const a = { metadata: { labels: { app: "x" } }, spec: { containers: [{ name: "c", image: "busybox:1.36" }] } };
    const b = { spec: { containers: [{ image: "busybox:1.36", name: "c" }] }, metadata: { labels: { app: "x" } } };
    expect(templateHash(a)).toBe(templateHash(b));
    expect(templateHash(a)).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    expect(templateHash({ ...a, spec: { containers: [{ name: "c", image: "busybox:1.37" }] } })).not.toBe(templateHash(a));
    expect(templateHash(a, 1)).not.toBe(templateHash(a));
  });
});
