import { describe, expect, it } from "vitest";
import { nodeLabels, parseNodeLabels, parseNodeTaints } from "./node-labels.js";

describe("--node-label and --node-taint", () => {
  it("parses labels, and refuses the ones NodeRestriction would refuse before the agent registers", () => {
    expect(parseNodeLabels(["disk=ssd", "skiff.dev/zone=attic", "node.kubernetes.io/instance-type=pi4"])).toEqual({
      disk: "ssd",
      "skiff.dev/zone": "attic",
      "node.kubernetes.io/instance-type": "pi4",
    });
    expect(() => parseNodeLabels(["node-role.kubernetes.io/control-plane="])).toThrow(/may not set node-role.kubernetes.io\/control-plane/);
    expect(() => parseNodeLabels(["node-restriction.kubernetes.io/trusted=yes"])).toThrow(/may not set/);
    expect(() => parseNodeLabels(["disk"])).toThrow(/expected key=value/);
    expect(() => parseNodeLabels(["bad key=x"])).toThrow(/--node-label "bad key=x": key:/);
    expect(() => parseNodeLabels(["k=not valid"])).toThrow(/value:/);
  });

  it("parses taints key=value:Effect and key:Effect", () => {
    expect(parseNodeTaints(["dedicated=gpu:NoSchedule", "flaky:PreferNoSchedule"])).toEqual([
      { key: "dedicated", value: "gpu", effect: "NoSchedule" },
      { key: "flaky", effect: "PreferNoSchedule" },
    ]);
    expect(() => parseNodeTaints(["dedicated=gpu"])).toThrow(/expected key=value:Effect/);
    expect(() => parseNodeTaints(["dedicated=gpu:Sometimes"])).toThrow(/the effect must be/);
    expect(() => parseNodeTaints(["a:NoSchedule", "a=b:NoSchedule"])).toThrow(/given twice/);
  });

  it("labels the Node as the kubelet does, then with the operator's labels", () => {
    expect(nodeLabels("pi-1", "arm64", { disk: "ssd" })).toEqual({
      "beta.kubernetes.io/arch": "arm64",
      "beta.kubernetes.io/os": "linux",
      "kubernetes.io/arch": "arm64",
      "kubernetes.io/hostname": "pi-1",
      "kubernetes.io/os": "linux",
      disk: "ssd",
    });
  });
});
