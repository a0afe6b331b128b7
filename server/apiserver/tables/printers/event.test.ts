import { describe, expect, it } from "vitest";
import { eventPrinter } from "./event.js";

const now = Date.parse("2024-05-01T12:00:00Z");
const ago = (seconds: number): string => new Date(now - seconds * 1000).toISOString();

describe("events", () => {
  it("have LAST SEEN TYPE REASON OBJECT MESSAGE; SUBOBJECT SOURCE FIRST SEEN COUNT NAME with -o wide", () => {
    expect(eventPrinter.columns.map((c) => [c.name, c.priority])).toEqual([
      ["Last Seen", 0],
      ["Type", 0],
      ["Reason", 0],
      ["Object", 0],
      ["Subobject", 1],
      ["Source", 1],
      ["Message", 0],
      ["First Seen", 1],
      ["Count", 1],
      ["Name", 1],
    ]);
    expect(eventPrinter.columns.find((c) => c.name === "Name")?.format).toBe("name");
  });

  it("a core event about a pod's container", () => {
    const event = {
      metadata: { name: "web.17c8e1", namespace: "default" },
      involvedObject: { kind: "Pod", name: "web", namespace: "default", fieldPath: "spec.containers{app}" },
      reason: "BackOff",
      message: "Back-off restarting failed container app\n",
      source: { component: "kubelet", host: "pi-1" },
      firstTimestamp: ago(600),
      lastTimestamp: ago(30),
      count: 7,
      type: "Warning",
    };
    expect(eventPrinter.cells(event, now)).toEqual([
      "30s",
      "Warning",
      "BackOff",
      "pod/web",
      "spec.containers{app}",
      "kubelet, pi-1",
      "Back-off restarting failed container app",
      "10m",
      7,
      "web.17c8e1",
    ]);
  });

  it("a new-style event: eventTime, reporting controller, count 1", () => {
    const event = {
      metadata: { name: "pi-1.1" },
      involvedObject: { kind: "Node", name: "pi-1" },
      reason: "RegisteredNode",
      message: "Node pi-1 event",
      eventTime: "2024-05-01T11:58:00.000000Z",
      reportingController: "node-controller",
      type: "Normal",
    };
    const cells = eventPrinter.cells(event, now);
    expect([cells[0], cells[3], cells[5], cells[7], cells[8]]).toEqual(["2m", "node/pi-1", "node-controller", "2m", 1]);
  });

  it("a series: last observed time and series count", () => {
    const event = {
      involvedObject: { kind: "Deployment" },
      eventTime: ago(3600),
      series: { count: 12, lastObservedTime: ago(5) },
    };
    const cells = eventPrinter.cells(event, now);
    expect([cells[0], cells[3], cells[7], cells[8]]).toEqual(["5s", "deployment", "60m", 12]);
  });

  it("no times at all: <unknown>", () => {
    const cells = eventPrinter.cells({}, now);
    expect([cells[0], cells[7]]).toEqual(["<unknown>", "<unknown>"]);
  });
});
