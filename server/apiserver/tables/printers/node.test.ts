import { describe, expect, it } from "vitest";
import { nodePrinter } from "./node.js";

const now = Date.parse("2024-05-01T12:00:00Z");

function node(options: { labels?: Record<string, string>; unschedulable?: boolean; ready?: string | null } = {}): unknown {
  return {
    metadata: { name: "pi-1", creationTimestamp: new Date(now - 10 * 86_400_000).toISOString(), labels: options.labels ?? {} },
    spec: options.unschedulable ? { unschedulable: true } : {},
    status: {
      conditions:
        options.ready === null
          ? [{ type: "MemoryPressure", status: "False" }]
          : [
              { type: "MemoryPressure", status: "False" },
              { type: "Ready", status: options.ready ?? "True" },
            ],
      addresses: [
        { type: "Hostname", address: "pi-1" },
        { type: "InternalIP", address: "192.168.1.21" },
      ],
      nodeInfo: {
        kubeletVersion: "v1.32.0-skiff",
        osImage: "Debian GNU/Linux 12 (bookworm)",
        kernelVersion: "6.6.31+rpt-rpi-v8",
        containerRuntimeVersion: "docker://27.1.1",
      },
    },
  };
}

describe("nodes", () => {
  it("have NAME STATUS ROLES AGE VERSION, then INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME", () => {
    expect(nodePrinter.columns.map((c) => [c.name, c.priority])).toEqual([
      ["Name", 0],
      ["Status", 0],
      ["Roles", 0],
      ["Age", 0],
      ["Version", 0],
      ["Internal-IP", 1],
      ["External-IP", 1],
      ["OS-Image", 1],
      ["Kernel-Version", 1],
      ["Container-Runtime", 1],
    ]);
  });

  it("a ready worker without roles", () => {
    expect(nodePrinter.cells(node(), now)).toEqual([
      "pi-1",
      "Ready",
      "<none>",
      "10d",
      "v1.32.0-skiff",
      "192.168.1.21",
      "<none>",
      "Debian GNU/Linux 12 (bookworm)",
      "6.6.31+rpt-rpi-v8",
      "docker://27.1.1",
    ]);
  });

  it("roles from node-role labels and the legacy role label, sorted; cordoned shows SchedulingDisabled", () => {
    const cells = nodePrinter.cells(
      node({
        unschedulable: true,
        labels: {
          "node-role.kubernetes.io/worker": "",
          "node-role.kubernetes.io/control-plane": "",
          "node-role.kubernetes.io/": "",
          "kubernetes.io/role": "edge",
          "kubernetes.io/hostname": "pi-1",
        },
      }),
      now,
    );
    expect(cells.slice(1, 3)).toEqual(["Ready,SchedulingDisabled", "control-plane,edge,worker"]);
  });

  it("NotReady for a Ready condition that is not True, Unknown without one", () => {
    expect(nodePrinter.cells(node({ ready: "Unknown" }), now)[1]).toBe("NotReady");
    expect(nodePrinter.cells(node({ ready: "False", unschedulable: true }), now)[1]).toBe("NotReady,SchedulingDisabled");
    expect(nodePrinter.cells(node({ ready: null }), now)[1]).toBe("Unknown");
  });

  it("an empty node prints <unknown> for what it has not reported", () => {
    expect(nodePrinter.cells({ metadata: { name: "new" } }, now)).toEqual([
      "new",
      "Unknown",
      "<none>",
      "<unknown>",
      "",
      "<none>",
      "<none>",
      "<unknown>",
      "<unknown>",
      "<unknown>",
    ]);
  });
});
