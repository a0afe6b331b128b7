import { describe, expect, it } from "vitest";
import { assignIndex, completionIndexOf, formatIndexes, parseIndexes } from "./completion-index.js";

describe("completion indexes", () => {
  it("reads and writes completedIndexes as Kubernetes does", () => {
    expect(formatIndexes([7, 1, 3, 4, 5])).toBe("1,3-5,7");
    expect(formatIndexes([])).toBe("");
    expect([...parseIndexes("1,3-5,7", 10)].sort()).toEqual([1, 3, 4, 5, 7]);
    expect([...parseIndexes("0-9,x", 3)].sort()).toEqual([0, 1, 2]);
    expect(parseIndexes(undefined, 3).size).toBe(0);
  });
  it("reads a pod's index from its annotation, refusing what is not a plain number", () => {
    const withIndex = (value: string) => ({ metadata: { annotations: { "batch.kubernetes.io/job-completion-index": value } } });
    expect(completionIndexOf(withIndex("4"))).toBe(4);
    expect(completionIndexOf(withIndex("04"))).toBeUndefined();
    expect(completionIndexOf(withIndex("-1"))).toBeUndefined();
    expect(completionIndexOf({ metadata: {} })).toBeUndefined();
  });
  it("gives a pod its index: annotation, label, name prefix, hostname and JOB_COMPLETION_INDEX in every container", () => {
    const pod = {
      metadata: { generateName: "sum-", labels: { app: "sum" } },
      spec: { initContainers: [{ name: "prep" }], containers: [{ name: "work", env: [{ name: "JOB_COMPLETION_INDEX", value: "stale" }, { name: "A", value: "1" }] }] },
    };
    assignIndex(pod, "sum", 2);
    expect(pod.metadata).toEqual({
      generateName: "sum-2-",
      labels: { app: "sum", "batch.kubernetes.io/job-completion-index": "2" },
      annotations: { "batch.kubernetes.io/job-completion-index": "2" },
    });
    const fromAnnotation = { name: "JOB_COMPLETION_INDEX", valueFrom: { fieldRef: { fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } } };
    expect(pod.spec).toEqual({
      hostname: "sum-2",
      initContainers: [{ name: "prep", env: [fromAnnotation] }],
      containers: [{ name: "work", env: [{ name: "A", value: "1" }, fromAnnotation] }],
    });
  });
});
