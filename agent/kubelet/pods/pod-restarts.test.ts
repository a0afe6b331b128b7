import { describe, expect, it } from "vitest";
import { container, harness, podOf } from "./testing/harness.js";

/** Runs a crash-looping container until it has been restarted `restarts` times, returning each back-off waited. */
async function crashLoop(h: ReturnType<typeof harness>, pod: ReturnType<typeof podOf>, restarts: number, runMs: number): Promise<number[]> {
  const waits: number[] = [];
  await h.sync(pod);
  while (h.containerStatus(pod, "main").restartCount < restarts) {
    h.clock.advance(runMs); // it runs, then exits
    await h.sync(pod);
    let waited = 0;
    while (h.containerStatus(pod, "main").state?.waiting?.reason === "CrashLoopBackOff") {
      h.clock.advance(1_000);
      waited += 1_000;
      await h.sync(pod);
    }
    waits.push(waited);
  }
  return waits;
}

describe("pod workers: crash-loop back-off", () => {
  it("restarts at once the first time, then after 10, 20, 40 ... s, capped at 5 minutes", async () => {
    const h = harness();
    h.runtime.processes = () => ({ exit: { code: 1, afterMs: 1_000 } });
    const pod = podOf("crash");
    h.pods.set(pod);
    const waits = await crashLoop(h, pod, 8, 1_000);
    // Back-off counts from the exit; each container ran 1 s first.
    expect(waits).toEqual([0, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000]);
    expect(h.containerStatus(pod, "main").restartCount).toBe(8);
    expect(h.recorder.events).toContainEqual({
      fieldPath: "spec.containers{main}",
      type: "Warning",
      reason: "BackOff",
      message: `Back-off restarting failed container main in pod crash_default(${pod.metadata.uid})`,
    });
  });

  it("shows CrashLoopBackOff with the last exit as lastState, and asks to be synced when the back-off ends", async () => {
    const h = harness();
    h.runtime.processes = () => ({ exit: { code: 7, afterMs: 1_000 } });
    const pod = podOf("crash");
    h.pods.set(pod);
    await h.sync(pod);
    h.clock.advance(1_000);
    await h.sync(pod);
    h.clock.advance(1_000);
    await h.sync(pod);
    const status = h.containerStatus(pod, "main");
    expect(status.state?.waiting).toEqual({
      reason: "CrashLoopBackOff",
      message: `back-off 10s restarting failed container=main pod=crash_default(${pod.metadata.uid})`,
    });
    expect(status.lastState?.terminated).toMatchObject({ exitCode: 7, reason: "Error", finishedAt: "2026-01-01T00:00:02Z" });
    expect(status.restartCount).toBe(1);
    expect(h.status(pod).phase).toBe("Running");
    // Only the newest dead instance is kept beside the one to come.
    expect((await h.containers(pod, "main")).length).toBe(2);
  });

  it("starts the back-off over once a container ran for 10 minutes", async () => {
    const h = harness();
    h.runtime.processes = () => ({ exit: { code: 1, afterMs: 1_000 } });
    const pod = podOf("crash");
    h.pods.set(pod);
    const early = await crashLoop(h, pod, 4, 1_000);
    expect(early).toEqual([0, 10_000, 20_000, 40_000]);
    h.runtime.processes = () => ({ exit: { code: 1, afterMs: 11 * 60_000 } });
    // The running instance (attempt 4) still has the short script: let it exit, then wait out its 80 s.
    const next = await crashLoop(h, pod, 5, 1_000);
    expect(next).toEqual([80_000]);
    // Attempt 5 runs 11 minutes: its restart is immediate, and the next crash waits 10 s again, not 160 s.
    h.runtime.processes = () => ({ exit: { code: 1, afterMs: 1_000 } });
    expect(await crashLoop(h, pod, 6, 11 * 60_000)).toEqual([0]);
    expect(await crashLoop(h, pod, 7, 1_000)).toEqual([10_000]);
  });
});

describe("pod workers: images", () => {
  it("pulls per imagePullPolicy: Always every start, IfNotPresent only when missing, Never not at all", async () => {
    const h = harness();
    h.runtime.images.setRemote("registry.local/app:1");
    h.runtime.processes = () => ({ exit: { code: 1, afterMs: 1_000 } });
    const always = podOf("always", { containers: [container("main", { image: "registry.local/app:1", imagePullPolicy: "Always" })] });
    h.pods.set(always);
    await h.sync(always);
    h.clock.advance(1_000);
    await h.sync(always);
    expect(h.runtime.images.pulls).toEqual(["registry.local/app:1", "registry.local/app:1"]);

    const ifNotPresent = podOf("ifnp", { containers: [container("main", { image: "registry.local/app:1" })] });
    h.runtime.images.removeLocal("registry.local/app:1");
    h.pods.set(ifNotPresent);
    await h.sync(ifNotPresent);
    h.clock.advance(1_000);
    await h.sync(ifNotPresent);
    expect(h.runtime.images.pulls.length).toBe(3);

    const never = podOf("never", { containers: [container("main", { image: "registry.local/other:1", imagePullPolicy: "Never" })] });
    h.pods.set(never);
    await h.sync(never);
    expect(h.runtime.images.pulls.length).toBe(3);
    expect(h.containerStatus(never, "main").state?.waiting).toEqual({
      reason: "ErrImageNeverPull",
      message: 'Container image "registry.local/other:1" is not present with pull policy of Never',
    });
    expect(h.status(never).phase).toBe("Pending");
  });

  it("reports ErrImagePull, then ImagePullBackOff for 10 s, then pulls again and runs once the image is there", async () => {
    const h = harness();
    const pod = podOf("pull", { containers: [container("main", { image: "registry.local/missing:1" })] });
    h.pods.set(pod);
    await h.sync(pod);
    expect(h.containerStatus(pod, "main").state?.waiting).toMatchObject({ reason: "ErrImagePull" });
    expect(h.recorder.reasons()).toEqual(expect.arrayContaining(["Pulling", "Failed"]));
    h.clock.advance(5_000);
    await h.sync(pod);
    expect(h.containerStatus(pod, "main").state?.waiting).toMatchObject({ reason: "ImagePullBackOff" });
    expect(h.containerStatus(pod, "main").state?.waiting?.message).toContain('Back-off pulling image "registry.local/missing:1"');
    expect(h.runtime.images.pulls.length).toBe(1);
    h.runtime.images.setRemote("registry.local/missing:1");
    h.clock.advance(5_000);
    await h.sync(pod);
    expect(h.runtime.images.pulls.length).toBe(2);
    expect(h.containerStatus(pod, "main").state?.running).toBeDefined();
  });

  it("doubles the pull back-off after each failure", async () => {
    const h = harness();
    h.runtime.images.setRemote("registry.local/broken:1", { failWith: "unauthorized" });
    const pod = podOf("pull", { containers: [container("main", { image: "registry.local/broken:1" })] });
    h.pods.set(pod);
    const pullTimes: number[] = [];
    const start = h.clock.now();
    for (let t = 0; t <= 80_000; t += 1_000) {
      const before = h.runtime.images.pulls.length;
      await h.sync(pod);
      if (h.runtime.images.pulls.length > before) pullTimes.push(h.clock.now() - start);
      h.clock.advance(1_000);
    }
    expect(pullTimes).toEqual([0, 10_000, 30_000, 70_000]);
  });
});

describe("pod workers: volumes and container config", () => {
  it("records FailedMount and retries until the volumes can be set up", async () => {
    const h = harness();
    h.resources.failMount = 'configmap "settings" not found';
    const pod = podOf("web");
    h.pods.set(pod);
    await h.sync(pod);
    expect(h.recorder.events).toContainEqual({ type: "Warning", reason: "FailedMount", message: 'configmap "settings" not found' });
    expect(h.containerStatus(pod, "main").state).toEqual({ waiting: { reason: "ContainerCreating" } });
    expect(await h.runtime.listPodSandboxes()).toEqual([]);
    h.resources.failMount = undefined;
    await h.sync(pod);
    expect(h.status(pod).phase).toBe("Running");
  });

  it("waits with CreateContainerConfigError and its message until the ConfigMap exists", async () => {
    const h = harness();
    const pod = podOf("web", { containers: [container("main", { env: [{ name: "NEEDS_CONFIGMAP", value: "settings" }] })] });
    h.pods.set(pod);
    await h.sync(pod);
    expect(h.containerStatus(pod, "main").state).toEqual({ waiting: { reason: "CreateContainerConfigError", message: 'configmap "settings" not found' } });
    expect(h.recorder.events).toContainEqual({ fieldPath: "spec.containers{main}", type: "Warning", reason: "Failed", message: 'Error: configmap "settings" not found' });
    await h.sync(pod);
    expect(h.status(pod).phase).toBe("Pending");
    h.resources.configMaps.add("settings");
    await h.sync(pod);
    expect(h.containerStatus(pod, "main").state?.running).toBeDefined();
    expect(h.containerStatus(pod, "main").restartCount).toBe(0);
  });
});
