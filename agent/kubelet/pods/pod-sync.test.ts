import { describe, expect, it } from "vitest";
import { container, harness, PAUSE, podOf } from "./testing/harness.js";

describe("pod workers: running a pod", () => {
  it("makes a sandbox and the containers, and reports the pod Running with its IP and container statuses", async () => {
    const h = harness();
    const pod = podOf("web", {
      containers: [container("main", { resources: { requests: { cpu: "100m" }, limits: { cpu: "200m" } } })],
    });
    h.pods.set(pod);
    await h.sync(pod);

    const status = h.status(pod);
    expect(status.phase).toBe("Running");
    expect(status.podIP).toBe("10.42.7.2");
    expect(status.podIPs).toEqual([{ ip: "10.42.7.2" }]);
    expect(status.hostIP).toBe("192.168.1.10");
    expect(status.hostIPs).toEqual([{ ip: "192.168.1.10" }]);
    expect(status.startTime).toBe("2026-01-01T00:00:00Z");
    expect(status.qosClass).toBe("Burstable");
    const [main] = await h.containers(pod, "main");
    expect(status.containerStatuses).toEqual([
      {
        name: "main",
        state: { running: { startedAt: "2026-01-01T00:00:00Z" } },
        ready: true,
        started: true,
        restartCount: 0,
        image: "skiff-test/busybox:1",
        imageID: main!.imageRef,
        containerID: `docker://${main!.id}`,
      },
    ]);
    const conditions = Object.fromEntries((status.conditions ?? []).map((c) => [c.type, c.status]));
    expect(conditions).toEqual({ PodReadyToStartContainers: "True", Initialized: "True", Ready: "True", ContainersReady: "True", PodScheduled: "True" });
    expect(h.recorder.events.filter((e) => e.fieldPath === "spec.containers{main}").map((e) => `${e.reason}: ${e.message}`)).toEqual([
      'Pulled: Container image "skiff-test/busybox:1" already present on machine',
      "Created: Created container main",
      "Started: Started container main",
    ]);
  });

  it("is idempotent: a second sync changes nothing and keeps lastTransitionTime", async () => {
    const h = harness();
    const pod = podOf("web");
    h.pods.set(pod);
    await h.sync(pod);
    const before = h.status(pod);
    const ids = (await h.containers(pod)).map((c) => c.id);
    h.clock.advance(60_000);
    await h.sync(pod);
    expect((await h.containers(pod)).map((c) => c.id)).toEqual(ids);
    expect(h.status(pod)).toEqual(before);
  });

  it("reports Ready false with the readiness probe, and changes only that condition's transition time", async () => {
    const h = harness();
    const pod = podOf("web", { containers: [container("main", { readinessProbe: { exec: { command: ["true"] } } })] });
    h.pods.set(pod);
    await h.sync(pod);
    expect(h.containerStatus(pod, "main").ready).toBe(true);
    h.clock.advance(30_000);
    h.probes.set(pod.metadata.uid!, "main", { ready: false });
    await h.sync(pod);
    const status = h.status(pod);
    expect(h.containerStatus(pod, "main").ready).toBe(false);
    const ready = status.conditions?.find((c) => c.type === "Ready");
    expect(ready).toMatchObject({ status: "False", reason: "ContainersNotReady", message: "containers with unready status: [main]", lastTransitionTime: "2026-01-01T00:00:30Z" });
    expect(status.conditions?.find((c) => c.type === "Initialized")?.lastTransitionTime).toBe("2026-01-01T00:00:00Z");
  });

  it("runs init containers one at a time, in order, each to success, then the containers", async () => {
    const h = harness();
    h.runtime.processes = (config) => (config.name.startsWith("init") ? { exit: { code: 0, afterMs: 1_000 } } : {});
    const pod = podOf("app", { initContainers: [container("init-a"), container("init-b")], containers: [container("main")] });
    h.pods.set(pod);

    await h.sync(pod);
    expect((await h.containers(pod)).map((c) => c.name)).toEqual(["init-a"]);
    expect(h.status(pod).phase).toBe("Pending");
    expect(h.containerStatus(pod, "init-b").state).toEqual({ waiting: { reason: "PodInitializing" } });
    expect(h.containerStatus(pod, "main").state).toEqual({ waiting: { reason: "PodInitializing" } });
    expect(h.status(pod).conditions?.find((c) => c.type === "Initialized")).toMatchObject({
      status: "False",
      message: "containers with incomplete status: [init-a init-b]",
    });

    await h.sync(pod); // init-a still running: nothing new
    expect((await h.containers(pod)).map((c) => c.name)).toEqual(["init-a"]);
    h.clock.advance(1_000);
    await h.sync(pod);
    expect((await h.containers(pod)).map((c) => `${c.name}:${c.state}`).sort()).toEqual(["init-a:exited", "init-b:running"]);
    h.clock.advance(1_000);
    await h.sync(pod);
    expect((await h.containers(pod)).map((c) => `${c.name}:${c.state}`).sort()).toEqual(["init-a:exited", "init-b:exited", "main:running"]);
    expect(h.status(pod).phase).toBe("Running");
    expect(h.containerStatus(pod, "init-a").state?.terminated).toMatchObject({ exitCode: 0, reason: "Completed" });
  });

  it("retries a failing init container with back-off, and fails the pod with restartPolicy Never", async () => {
    const failing = (h: ReturnType<typeof harness>): void => {
      h.runtime.processes = (config) => (config.name === "init" ? { exit: { code: 3, afterMs: 500 } } : {});
    };
    const always = harness();
    failing(always);
    const pod = podOf("app", { initContainers: [container("init")] });
    always.pods.set(pod);
    await always.sync(pod);
    always.clock.advance(500);
    await always.sync(pod); // first restart is immediate
    always.clock.advance(500);
    await always.sync(pod); // now in back-off
    expect(always.containerStatus(pod, "init")).toMatchObject({ restartCount: 1, state: { waiting: { reason: "CrashLoopBackOff" } } });
    expect(always.status(pod).phase).toBe("Pending");
    expect((await always.containers(pod)).some((c) => c.name === "main")).toBe(false);

    const never = harness();
    failing(never);
    const once = podOf("once", { restartPolicy: "Never", initContainers: [container("init")] });
    never.pods.set(once);
    await never.sync(once);
    never.clock.advance(500);
    await never.sync(once);
    await never.sync(once);
    expect(never.status(once).phase).toBe("Failed");
    expect((await never.containers(once)).map((c) => c.name)).toEqual(["init"]);
    expect(never.containerStatus(once, "init").state?.terminated).toMatchObject({ exitCode: 3, reason: "Error" });
  });

  it("restarts per restartPolicy: Always after any exit, OnFailure after a failure, Never not", async () => {
    const cases = [
      { policy: "Always", code: 0, restarts: true, phase: "Running" },
      { policy: "OnFailure", code: 0, restarts: false, phase: "Succeeded" },
      { policy: "OnFailure", code: 1, restarts: true, phase: "Running" },
      { policy: "Never", code: 0, restarts: false, phase: "Succeeded" },
      { policy: "Never", code: 2, restarts: false, phase: "Failed" },
    ];
    for (const c of cases) {
      const h = harness();
      h.runtime.processes = () => ({ exit: { code: c.code, afterMs: 1_000 } });
      const pod = podOf("job", { restartPolicy: c.policy });
      h.pods.set(pod);
      await h.sync(pod);
      h.clock.advance(1_000);
      await h.sync(pod);
      const instances = await h.containers(pod, "main");
      expect({ ...c, count: instances.length }).toEqual({ ...c, count: c.restarts ? 2 : 1 });
      expect({ ...c, phase: h.status(pod).phase }).toEqual(c);
      if (c.restarts) expect(h.containerStatus(pod, "main").lastState?.terminated?.exitCode).toBe(c.code);
      // A finished pod keeps its containers (for logs), and its sandbox is stopped.
      if (!c.restarts) {
        await h.sync(pod);
        expect(instances[0]!.state).toBe("exited");
        expect((await h.runtime.listPodSandboxes({ podUid: pod.metadata.uid! }))[0]!.state).toBe("notready");
        expect(h.status(pod).conditions?.find((x) => x.type === "Ready")).toMatchObject({ status: "False", reason: "PodCompleted" });
      }
    }
  });

  it("asks the engine for the pause image once, and again only after a sandbox failed to start (the image was removed)", async () => {
    const h = harness();
    h.runtime.images.setRemote(PAUSE);
    const first = podOf("first");
    h.pods.set(first);
    await h.sync(first);
    expect(h.status(first).phase).toBe("Running");
    expect(h.runtime.images.pulls).toEqual([]);

    h.runtime.images.removeLocal(PAUSE);
    const second = podOf("second");
    h.pods.set(second);
    await h.sync(second).catch(() => undefined);
    expect(await h.containers(second)).toEqual([]);
    expect(h.recorder.events.map((e) => e.reason)).toContain("FailedCreatePodSandBox");
    await h.sync(second).catch(() => undefined);
    expect(h.runtime.images.pulls).toEqual([PAUSE]);
    expect(h.status(second).phase).toBe("Running");
  });
});
