import { describe, expect, it } from "vitest";
import { daemonSetPrinter, deploymentPrinter, replicaSetPrinter } from "./workloads.js";

const now = Date.parse("2024-05-01T12:00:00Z");
const created = new Date(now - 3 * 3600_000 - 20 * 60_000).toISOString();

const template = {
  metadata: { labels: { app: "web" } },
  spec: {
    nodeSelector: { "kubernetes.io/os": "linux", disk: "ssd" },
    containers: [
      { name: "app", image: "nginx:1.27" },
      { name: "log", image: "busybox:1.36" },
    ],
  },
};
const selector = { matchLabels: { app: "web" }, matchExpressions: [{ key: "tier", operator: "In", values: ["front", "api"] }] };
const headers = (columns: ReadonlyArray<{ name: string; priority: number }>) =>
  columns.map((c) => (c.priority === 0 ? c.name : `${c.name} (wide)`));

describe("deployments", () => {
  it("have NAME READY UP-TO-DATE AVAILABLE AGE, then CONTAINERS IMAGES SELECTOR", () => {
    expect(headers(deploymentPrinter.columns)).toEqual([
      "Name",
      "Ready",
      "Up-to-date",
      "Available",
      "Age",
      "Containers (wide)",
      "Images (wide)",
      "Selector (wide)",
    ]);
  });

  it("show ready/desired replicas and the template", () => {
    const deployment = {
      metadata: { name: "web", creationTimestamp: created },
      spec: { replicas: 3, selector, template },
      status: { replicas: 3, updatedReplicas: 2, readyReplicas: 1, availableReplicas: 1 },
    };
    expect(deploymentPrinter.cells(deployment, now)).toEqual([
      "web",
      "1/3",
      2,
      1,
      "3h20m",
      "app,log",
      "nginx:1.27,busybox:1.36",
      "app=web,tier in (api,front)",
    ]);
  });

  it("print zeros and an empty selector for a bare object, <invalid> for a bad selector", () => {
    expect(deploymentPrinter.cells({ metadata: { name: "x" } }, now)).toEqual(["x", "0/0", 0, 0, "<unknown>", "", "", ""]);
    const bad = { spec: { selector: { matchExpressions: [{ key: "a", operator: "Near" }] } } };
    expect(deploymentPrinter.cells(bad, now)[7]).toBe("<invalid>");
  });
});

describe("replicasets", () => {
  it("have NAME DESIRED CURRENT READY AGE, then CONTAINERS IMAGES SELECTOR", () => {
    expect(headers(replicaSetPrinter.columns)).toEqual([
      "Name",
      "Desired",
      "Current",
      "Ready",
      "Age",
      "Containers (wide)",
      "Images (wide)",
      "Selector (wide)",
    ]);
  });

  it("show desired, current and ready replicas as integers", () => {
    const replicaSet = {
      metadata: { name: "web-6d4cf56db6", creationTimestamp: created },
      spec: { replicas: 2, selector: { matchLabels: { app: "web", "pod-template-hash": "6d4cf56db6" } }, template },
      status: { replicas: 2, readyReplicas: 2 },
    };
    expect(replicaSetPrinter.cells(replicaSet, now)).toEqual([
      "web-6d4cf56db6",
      2,
      2,
      2,
      "3h20m",
      "app,log",
      "nginx:1.27,busybox:1.36",
      "app=web,pod-template-hash=6d4cf56db6",
    ]);
  });

  it("show <none> for a missing selector", () => {
    expect(replicaSetPrinter.cells({}, now)[7]).toBe("<none>");
  });
});

describe("daemonsets", () => {
  it("have NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE, then CONTAINERS IMAGES SELECTOR", () => {
    expect(headers(daemonSetPrinter.columns)).toEqual([
      "Name",
      "Desired",
      "Current",
      "Ready",
      "Up-to-date",
      "Available",
      "Node Selector",
      "Age",
      "Containers (wide)",
      "Images (wide)",
      "Selector (wide)",
    ]);
  });

  it("show the scheduling counts and the node selector sorted by key", () => {
    const daemonSet = {
      metadata: { name: "agent", creationTimestamp: created },
      spec: { selector: { matchLabels: { app: "agent" } }, template },
      status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2 },
    };
    expect(daemonSetPrinter.cells(daemonSet, now)).toEqual([
      "agent",
      3,
      3,
      2,
      3,
      2,
      "disk=ssd,kubernetes.io/os=linux",
      "3h20m",
      "app,log",
      "nginx:1.27,busybox:1.36",
      "app=agent",
    ]);
  });

  it("show <none> without a node selector", () => {
    expect(daemonSetPrinter.cells({ spec: { template: { spec: {} } } }, now)[6]).toBe("<none>");
  });
});
