import { describe, expect, it } from "vitest";
import { container, harness, podOf } from "../pods/testing/harness.js";

describe("pod status", () => {
  it("reports a terminated container with exit code, reason, message, times and container id", async () => {
    const h = harness();
    h.runtime.processes = () => ({ exit: { code: 2, afterMs: 3_000, message: "config file missing" } });
    const pod = podOf("job", { restartPolicy: "Never" });
    h.pods.set(pod);
    await h.sync(pod);
    h.clock.advance(3_000);
    await h.sync(pod);
    const [main] = await h.containers(pod, "main");
    expect(h.containerStatus(pod, "main")).toEqual({
      name: "main",
      state: {
        terminated: {
          exitCode: 2,
          reason: "Error",
          message: "config file missing",
          startedAt: "2026-01-01T00:00:00Z",
          finishedAt: "2026-01-01T00:00:03Z",
          containerID: `docker://${main!.id}`,
        },
      },
      ready: false,
      started: false,
      restartCount: 0,
      image: "skiff-test/busybox:1",
      imageID: main!.imageRef,
      containerID: `docker://${main!.id}`,
    });
    const status = h.status(pod);
    expect(status.phase).toBe("Failed");
    // The pod keeps the IP it had, though its sandbox is stopped.
    expect(status.podIP).toBe("10.42.7.2");
  });

  it("says ContainerCreating before anything ran, keeps the scheduler's conditions, and uses the node's IP with hostNetwork", async () => {
    const h = harness();
    h.resources.failMount = "not yet";
    const pod = podOf("host", { hostNetwork: true, containers: [container("main", { resources: { limits: { cpu: "1", memory: "64Mi" } } })] });
    pod.status = { phase: "Pending", conditions: [{ type: "PodScheduled", status: "True", lastTransitionTime: "2025-12-31T23:59:00Z" }, { type: "example.com/gate", status: "False" }] };
    h.pods.set(pod);
    await h.sync(pod);
    const status = h.status(pod);
    expect(status.phase).toBe("Pending");
    expect(h.containerStatus(pod, "main").state).toEqual({ waiting: { reason: "ContainerCreating" } });
    expect(status.conditions?.find((c) => c.type === "PodScheduled")?.lastTransitionTime).toBe("2025-12-31T23:59:00Z");
    expect(status.conditions?.find((c) => c.type === "example.com/gate")).toEqual({ type: "example.com/gate", status: "False" });
    expect(status.podIP).toBe("192.168.1.10");
    expect(status.qosClass).toBe("Guaranteed");
  });

  it("keeps a container's terminated status when the runtime loses the container, as the kubelet keeps its old status", async () => {
    const h = harness();
    h.runtime.processes = (config) => ({ exit: { code: config.name === "setup" ? 0 : 2, afterMs: 1_000 } });
    const pod = podOf("job", { restartPolicy: "Never", initContainers: [container("setup")] });
    h.pods.set(pod);
    for (let i = 0; i < 4; i++) {
      await h.sync(pod);
      h.clock.advance(1_000);
    }
    const before = h.status(pod);
    expect(before.phase).toBe("Failed");
    expect(h.containerStatus(pod, "main").state?.terminated?.exitCode).toBe(2);
    // Someone removes the exited containers behind the agent's back (docker container prune).
    for (const c of await h.runtime.listContainers()) await h.runtime.removeContainer(c.id);
    await h.sync(pod);
    const after = h.status(pod);
    expect(after.containerStatuses).toEqual(before.containerStatuses);
    expect(after.initContainerStatuses).toEqual(before.initContainerStatuses);
    expect(after.phase).toBe("Failed");
  });

  it("keeps a terminal phase even if the runtime loses the containers", async () => {
    const h = harness();
    const pod = podOf("done", { restartPolicy: "Never" });
    pod.status = { phase: "Succeeded" };
    h.pods.set(pod);
    await h.sync(pod);
    expect(h.status(pod).phase).toBe("Succeeded");
    expect(await h.runtime.listContainers()).toEqual([]);
  });
});
