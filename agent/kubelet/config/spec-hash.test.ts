import { describe, expect, it } from "vitest";
import { containerSchema, type Container } from "../../../src/api/core/v1/container.js";
import { specHash } from "./spec-hash.js";

const base: Container = containerSchema.parse({
  name: "web",
  image: "nginx:1.27",
  args: ["-g", "daemon off;"],
  env: [{ name: "A", value: "1" }, { name: "B", value: "2" }],
  resources: { limits: { cpu: "1", memory: "128Mi" } },
  securityContext: { runAsUser: 1000 },
});
const changed = (patch: Partial<Container>): string => specHash({ ...base, ...patch });

describe("specHash", () => {
  it("is a short hex string, the same for the same spec", () => {
    expect(specHash(base)).toMatch(/^[0-9a-f]{16}$/);
    expect(specHash(structuredClone(base))).toBe(specHash(base));
  });

  it("does not change with the order of keys in objects and maps", () => {
    const reordered = containerSchema.parse({
      securityContext: { runAsUser: 1000 },
      resources: { limits: { memory: "128Mi", cpu: "1" } },
      env: [{ value: "1", name: "A" }, { value: "2", name: "B" }],
      args: ["-g", "daemon off;"],
      image: "nginx:1.27",
      name: "web",
    });
    expect(specHash(reordered)).toBe(specHash(base));
  });

  it("does not change when empty fields are written out", () => {
    expect(changed({ command: [], volumeMounts: [], ports: undefined, lifecycle: {} })).toBe(specHash(base));
  });

  it("changes when the spec changes", () => {
    const hashes = new Set([
      specHash(base),
      changed({ image: "nginx:1.28" }),
      changed({ args: ["daemon off;", "-g"] }),
      changed({ env: [{ name: "B", value: "2" }, { name: "A", value: "1" }] }),
      changed({ env: [{ name: "A", value: "1" }] }),
      changed({ resources: { limits: { cpu: "2", memory: "128Mi" } } }),
      changed({ securityContext: { runAsUser: 1001 } }),
      changed({ tty: false }),
      changed({ workingDir: "/srv" }),
    ]);
    expect(hashes.size).toBe(9);
  });
});
