import { describe, expect, it } from "vitest";
import { defaultContainer, hasContainer, podContainersOf } from "./pod-container.js";

const pod = (spec: object, annotations?: Record<string, string>, phase?: string) =>
  podContainersOf({ metadata: { name: "p", ...(annotations ? { annotations } : {}) }, spec, ...(phase ? { status: { phase } } : {}) });

describe("defaultContainer", () => {
  it("takes a pod's only container without a notice", () => {
    expect(defaultContainer(pod({ containers: [{ name: "main" }] }))).toEqual({ container: "main" });
  });

  it("takes the first of several and names the others as kubectl does", () => {
    const p = pod({ containers: [{ name: "main" }, { name: "side" }], initContainers: [{ name: "setup" }], ephemeralContainers: [{ name: "debug" }] });
    expect(defaultContainer(p)).toEqual({ container: "main", notice: 'Defaulted container "main" out of: main, side, setup (init), debug (ephem)' });
  });

  it("takes the annotated container quietly, and ignores an annotation naming none", () => {
    const spec = { containers: [{ name: "main" }, { name: "side" }] };
    expect(defaultContainer(pod(spec, { "kubectl.kubernetes.io/default-container": "side" }))).toEqual({ container: "side" });
    expect(defaultContainer(pod(spec, { "kubectl.kubernetes.io/default-container": "gone" }))?.container).toBe("main");
  });

  it("has none for a pod without containers", () => {
    expect(defaultContainer(pod({}))).toBeUndefined();
  });
});

describe("podContainersOf", () => {
  it("reads the phase and every kind of container", () => {
    const p = pod({ containers: [{ name: "main" }], initContainers: [{ name: "setup" }] }, undefined, "Succeeded");
    expect(p).toMatchObject({ name: "p", phase: "Succeeded", containers: ["main"], initContainers: ["setup"] });
    expect(hasContainer(p, "setup")).toBe(true);
    expect(hasContainer(p, "nope")).toBe(false);
  });

  it("rejects what is not a pod", () => {
    expect(() => podContainersOf({ spec: { containers: "main" } })).toThrow();
  });
});
