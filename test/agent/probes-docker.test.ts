import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { podSchema, type Pod } from "../../src/api/core/v1/pod.js";
import type { Container } from "../../src/api/core/v1/container.js";
import { createLogger } from "../../src/log.js";
import { RuntimeError } from "../../agent/runtime/container-runtime.js";
import { ProbeManager } from "../../agent/kubelet/probes/probe-manager.js";
import { RecordingEvents } from "../../agent/kubelet/testing/recording-events.js";

// httpGet and tcpSocket probes, with the real network code and clock,
// against a real container of the test image serving HTTP on 8080 (busybox
// httpd). Exec probes need the Docker runtime and are tested with it.
const docker = new Docker();
let container: Docker.Container;
let containerIP: string;

beforeAll(async () => {
  container = await docker.createContainer({
    Image: "skiff-test/busybox:1",
    Cmd: ["sh", "-c", "mkdir -p /www && echo ok > /www/healthz && exec httpd -f -p 8080 -h /www"],
    Labels: { "skiff.dev/test": "probes" },
  });
  await container.start();
  const networks = (await container.inspect()).NetworkSettings.Networks;
  containerIP = Object.values(networks).map((network) => network.IPAddress).find(Boolean) ?? "";
  expect(containerIP).not.toBe("");
});

afterAll(async () => {
  await container?.remove({ force: true });
});

function makePod(spec: Partial<Container>): Pod {
  return podSchema.parse({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "web-1", namespace: "default", uid: "probes-docker-uid" },
    spec: { containers: [{ name: "web", image: "skiff-test/busybox:1", ports: [{ name: "http", containerPort: 8080 }], ...spec }] },
  });
}

/** Waits (real time) until `check` holds, or fails after `ms`. */
async function eventually(check: () => boolean, ms = 8000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function start(pod: Pod): { probes: ProbeManager; events: RecordingEvents } {
  const events = new RecordingEvents();
  const probes = new ProbeManager({
    runtime: { exec: () => Promise.reject(new RuntimeError("exec", "not used here")) },
    events,
    log: createLogger("silent"),
  });
  probes.update(pod, [{ name: "web", containerId: "docker-container", startedAt: new Date() }], containerIP);
  return { probes, events };
}

describe("probes against a real container", () => {
  it("becomes ready on httpGet 200 and stays live on tcpSocket", async () => {
    const pod = makePod({
      readinessProbe: { httpGet: { port: "http", path: "/healthz" }, periodSeconds: 1 },
      livenessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 1, failureThreshold: 1 },
    });
    const { probes, events } = start(pod);
    try {
      await eventually(() => probes.state(pod.metadata.uid!, "web")?.ready === true);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(probes.state(pod.metadata.uid!, "web")).toEqual({ started: true, ready: true, live: true });
      expect(events.events).toEqual([]);
    } finally {
      probes.stop();
    }
  });

  it("reports a 404 and a refused port with the kubelet's texts", async () => {
    const pod = makePod({
      readinessProbe: { httpGet: { port: 8080, path: "/missing" }, periodSeconds: 1 },
      livenessProbe: { tcpSocket: { port: 9999 }, periodSeconds: 1, failureThreshold: 2 },
    });
    const { probes, events } = start(pod);
    try {
      await eventually(() => probes.state(pod.metadata.uid!, "web")?.live === false);
      expect(probes.state(pod.metadata.uid!, "web")?.ready).toBe(false);
      const lines = events.lines();
      expect(lines).toContain("Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 404");
      expect(lines).toContain(`Unhealthy: Liveness probe failed: dial tcp ${containerIP}:9999: connect: connection refused`);
      expect(events.events.every((event) => event.involved.fieldPath === "spec.containers{web}")).toBe(true);
    } finally {
      probes.stop();
    }
  });
});
