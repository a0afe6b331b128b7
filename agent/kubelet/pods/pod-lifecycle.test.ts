import { describe, expect, it } from "vitest";
import { container, harness, podOf } from "./testing/harness.js";

describe("pod workers: replacing containers", () => {
  it("kills and restarts a container whose spec changed, with a higher restart count", async () => {
    const h = harness();
    h.runtime.images.addLocal("skiff-test/busybox:2");
    const pod = podOf("web");
    h.pods.set(pod);
    await h.sync(pod);
    const [first] = await h.containers(pod, "main");
    const changed = structuredClone(pod);
    changed.spec.containers[0]!.image = "skiff-test/busybox:2";
    h.pods.set(changed);
    await h.sync(changed);
    const instances = await h.containers(changed, "main");
    expect(instances.map((c) => [c.id === first!.id, c.state, c.image])).toEqual([
      [true, "exited", "skiff-test/busybox:1"],
      [false, "running", "skiff-test/busybox:2"],
    ]);
    expect(h.containerStatus(changed, "main")).toMatchObject({ restartCount: 1, image: "skiff-test/busybox:2" });
    expect(h.recorder.events).toContainEqual({ fieldPath: "spec.containers{main}", type: "Normal", reason: "Killing", message: "Container main definition changed, will be restarted" });
  });

  it("kills and restarts a container that failed its liveness probe", async () => {
    const h = harness();
    const pod = podOf("web", { containers: [container("main", { lifecycle: { preStop: { exec: { command: ["sleep", "1"] } } } })] });
    h.pods.set(pod);
    await h.sync(pod);
    h.probes.set(pod.metadata.uid!, "main", { live: false });
    await h.sync(pod);
    const instances = await h.containers(pod, "main");
    expect(instances.map((c) => c.state)).toEqual(["exited", "running"]);
    expect(h.hooks.calls).toEqual(["preStop main"]);
    expect(h.recorder.events).toContainEqual({ fieldPath: "spec.containers{main}", type: "Normal", reason: "Killing", message: "Container main failed liveness probe, will be restarted" });
  });

  it("replaces a dead sandbox: everything is killed, a new sandbox with the next attempt, the containers started again", async () => {
    const h = harness();
    const pod = podOf("web");
    h.pods.set(pod);
    await h.sync(pod);
    const [sandbox] = await h.runtime.listPodSandboxes();
    h.runtime.killSandbox(sandbox!.id);
    await h.sync(pod);
    const sandboxes = await h.runtime.listPodSandboxes();
    expect(sandboxes.map((s) => [s.attempt, s.state])).toEqual([
      [0, "notready"],
      [1, "ready"],
    ]);
    expect((await h.containers(pod, "main")).map((c) => [c.attempt, c.state, c.sandboxId === sandboxes[1]!.id])).toEqual([
      [0, "exited", false],
      [1, "running", true],
    ]);
    expect(h.recorder.reasons()).toContain("SandboxChanged");
    expect(h.status(pod).phase).toBe("Running");
  });

  it("runs the init containers again in a new sandbox, and reports the pod initialising meanwhile", async () => {
    const h = harness();
    h.runtime.processes = (config) => (config.name === "init" ? { exit: { code: 0, afterMs: 1_000 } } : {});
    const pod = podOf("app", { initContainers: [container("init")] });
    h.pods.set(pod);
    await h.sync(pod);
    h.clock.advance(1_000);
    await h.sync(pod);
    expect(h.status(pod).phase).toBe("Running");
    const [sandbox] = await h.runtime.listPodSandboxes();
    h.runtime.killSandbox(sandbox!.id);
    await h.sync(pod);
    const running = (await h.containers(pod)).filter((c) => c.state === "running").map((c) => `${c.name}#${c.attempt}`);
    expect(running).toEqual(["init#1"]);
    expect(h.status(pod).phase).toBe("Pending");
    expect(h.status(pod).conditions?.find((c) => c.type === "Initialized")?.status).toBe("False");
    h.clock.advance(1_000);
    await h.sync(pod);
    expect((await h.containers(pod, "main")).map((c) => `${c.attempt}:${c.state}`)).toEqual(["0:exited", "1:running"]);
    expect(h.status(pod).phase).toBe("Running");
  });

  it("kills a container whose postStart hook failed, with the hook's error as the waiting message", async () => {
    const h = harness();
    h.hooks.failPostStart = "exit code 1";
    const pod = podOf("web", { containers: [container("main", { lifecycle: { postStart: { exec: { command: ["false"] } } } })] });
    h.pods.set(pod);
    await h.sync(pod);
    expect((await h.containers(pod, "main")).map((c) => c.state)).toEqual(["exited"]);
    // The hook runner records FailedPostStartHook itself (agent/kubelet/lifecycle); the pod worker only kills.
    expect(h.recorder.events.map((e) => e.reason)).not.toContain("FailedPostStartHook");
    expect(h.containerStatus(pod, "main").state?.waiting).toMatchObject({ reason: "PostStartHookError", message: "exit code 1" });
  });
});

describe("pod workers: deletion", () => {
  it("runs preStop, stops containers within the deletion's grace period, removes everything and finishes the deletion", async () => {
    const h = harness();
    h.runtime.processes = () => ({ ignoresSigterm: true });
    const pod = podOf("web", { terminationGracePeriodSeconds: 30, containers: [container("main", { lifecycle: { preStop: { exec: { command: ["true"] } } } })] });
    h.pods.set(pod);
    await h.sync(pod);
    const deleting = structuredClone(pod);
    deleting.metadata.deletionTimestamp = "2026-01-01T00:00:10Z";
    deleting.metadata.deletionGracePeriodSeconds = 10;
    h.pods.set(deleting);
    const began = h.clock.now();
    await h.syncAdvancing(deleting, 1_000);
    // The container ignored SIGTERM: SIGKILL came after the deletion's 10 s, not the spec's 30.
    expect(h.clock.now() - began).toBe(10_000);
    expect(h.hooks.calls).toEqual(["preStop main"]);
    expect(await h.runtime.listContainers()).toEqual([]);
    expect(await h.runtime.listPodSandboxes()).toEqual([]);
    expect(h.resources.released).toEqual([pod.metadata.uid]);
    expect(h.writer.deletions).toEqual([{ namespace: "default", name: "web", uid: pod.metadata.uid }]);
    await h.sync(deleting); // the informer has not seen it go yet: no second DELETE
    expect(h.writer.deletions.length).toBe(1);
    expect(h.recorder.events).toContainEqual({ fieldPath: "spec.containers{main}", type: "Normal", reason: "Killing", message: "Stopping container main" });
  });

  it("removes the containers of a pod the server no longer has", async () => {
    const h = harness();
    const pod = podOf("web");
    h.pods.set(pod);
    await h.sync(pod);
    h.pods.remove(pod.metadata.uid!);
    await h.sync(pod);
    expect(await h.runtime.listContainers()).toEqual([]);
    expect(await h.runtime.listPodSandboxes()).toEqual([]);
    expect(h.resources.released).toEqual([pod.metadata.uid]);
    expect(h.writer.deletions).toEqual([]);
  });
});

describe("pod workers: agent restarts", () => {
  it("adopts running containers without recreating them, and continues restart counts from their labels", async () => {
    const h = harness();
    h.runtime.processes = (config) => (config.name === "crash" ? { exit: { code: 1, afterMs: 1_000 } } : {});
    const pod = podOf("web", { containers: [container("main"), container("crash")] });
    h.pods.set(pod);
    await h.sync(pod);
    h.clock.advance(1_000);
    await h.sync(pod); // crash restarted once
    const before = (await h.containers(pod)).map((c) => c.id).sort();
    const created = h.recorder.reasons().filter((r) => r === "Created").length;

    h.restartAgent();
    await h.sync(pod);
    expect((await h.containers(pod)).map((c) => c.id).sort()).toEqual(before);
    expect(h.recorder.reasons().filter((r) => r === "Created").length).toBe(created);
    expect(h.containerStatus(pod, "main")).toMatchObject({ restartCount: 0, state: { running: {} } });
    expect(h.containerStatus(pod, "crash").restartCount).toBe(1);

    // It exits again under the new agent, whose back-off starts afresh (as the kubelet's, kept in memory).
    h.clock.advance(1_000);
    await h.sync(pod);
    expect((await h.containers(pod, "crash")).map((c) => [c.attempt, c.state])).toEqual([
      [1, "exited"],
      [2, "running"],
    ]);
    expect(h.containerStatus(pod, "crash").restartCount).toBe(2);
  });

  it("a container that exited while the agent was down is restarted per policy", async () => {
    const h = harness();
    const pod = podOf("web");
    h.pods.set(pod);
    await h.sync(pod);
    h.restartAgent();
    const [main] = await h.containers(pod, "main");
    h.runtime.exitContainer(main!.id, 0);
    await h.sync(pod);
    expect((await h.containers(pod, "main")).map((c) => [c.attempt, c.state])).toEqual([
      [0, "exited"],
      [1, "running"],
    ]);
  });
});
