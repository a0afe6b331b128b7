import { describe, expect, it } from "vitest";
import { forbiddenNodeLabels, modifiedLabels } from "./kubelet-labels.js";

describe("kubelet labels", () => {
  it("counts added, changed and removed keys as modified", () => {
    expect(modifiedLabels({ a: "1", b: "2", c: "3" }, { a: "1", b: "x", d: "4" })).toEqual(["b", "c", "d"]);
  });

  it("forbids node-restriction and unknown kubernetes.io / k8s.io labels, allows the kubelet's own and any other", () => {
    const keys = [
      "node-role.kubernetes.io/control-plane",
      "node-restriction.kubernetes.io/trusted",
      "example.node-restriction.kubernetes.io/x",
      "kubernetes.io/made-up",
      "foo.k8s.io/bar",
      "kubernetes.io/hostname",
      "topology.kubernetes.io/zone",
      "node.kubernetes.io/instance-type",
      "node.kubernetes.io/anything",
      "kubelet.kubernetes.io/anything",
      "rack",
      "example.com/tier",
    ];
    expect(forbiddenNodeLabels(keys)).toEqual([
      "node-role.kubernetes.io/control-plane",
      "node-restriction.kubernetes.io/trusted",
      "example.node-restriction.kubernetes.io/x",
      "kubernetes.io/made-up",
      "foo.k8s.io/bar",
    ]);
  });
});
