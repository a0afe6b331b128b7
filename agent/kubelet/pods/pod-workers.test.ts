import { afterEach, describe, expect, it, vi } from "vitest";
import { container, flush, harness, podOf } from "./testing/harness.js";

const controllers: AbortController[] = [];
afterEach(() => {
  for (const c of controllers.splice(0)) c.abort();
});

function run(h: ReturnType<typeof harness>): void {
  const controller = new AbortController();
  controllers.push(controller);
  void h.workers.run(controller.signal);
}

describe("PodWorkers.run", () => {
  it("syncs pods as they come, writes their status, and restarts a container when the runtime says it died", async () => {
    const h = harness();
    run(h);
    const pod = podOf("web");
    h.pods.set(pod);
    await vi.waitFor(() => expect(h.writer.writes.at(-1)?.status.phase).toBe("Running"));
    const [main] = await h.containers(pod, "main");
    h.runtime.exitContainer(main!.id, 1);
    await vi.waitFor(async () => expect((await h.containers(pod, "main")).map((c) => c.state)).toEqual(["exited", "running"]));
    await vi.waitFor(() => expect(h.writer.writes.at(-1)?.status.containerStatuses?.[0]?.restartCount).toBe(1));
  });

  it("syncs again when a crash-loop back-off ends, without any other trigger", async () => {
    const h = harness();
    h.runtime.processes = () => ({ exit: { code: 1, afterMs: 1_000 } });
    run(h);
    const pod = podOf("crash");
    h.pods.set(pod);
    await vi.waitFor(async () => expect((await h.containers(pod, "main")).length).toBe(1));
    h.clock.advance(1_000);
    await vi.waitFor(async () => expect(h.containerStatus(pod, "main").restartCount).toBe(1));
    h.clock.advance(1_000);
    await vi.waitFor(() => expect(h.containerStatus(pod, "main").state?.waiting?.reason).toBe("CrashLoopBackOff"));
    h.clock.advance(10_000);
    await vi.waitFor(() => expect(h.containerStatus(pod, "main").restartCount).toBe(2));
  });

  it("on start, removes what runs for pods it does not have and adopts what runs for those it has", async () => {
    const h = harness();
    const kept = podOf("kept");
    const gone = podOf("gone");
    h.pods.set(kept);
    h.pods.set(gone);
    await h.sync(kept);
    await h.sync(gone);
    const keptIds = (await h.containers(kept)).map((c) => c.id);
    h.pods.remove(gone.metadata.uid!);
    h.restartAgent();
    run(h);
    await vi.waitFor(async () => expect(await h.containers(gone)).toEqual([]));
    await flush();
    expect((await h.containers(kept)).map((c) => c.id)).toEqual(keptIds);
  });

  it("notices a sandbox that died at the next relist, without an event", async () => {
    const h = harness();
    const pod = podOf("web", { containers: [container("main")] });
    h.pods.set(pod);
    run(h);
    await vi.waitFor(async () => expect((await h.runtime.listPodSandboxes()).length).toBe(1));
    const [sandbox] = await h.runtime.listPodSandboxes();
    // Without an event, only the periodic relist can tell.
    h.runtime.killSandbox(sandbox!.id, { silently: true });
    await flush();
    expect((await h.runtime.listPodSandboxes()).length).toBe(1);
    h.clock.advance(5_000);
    await vi.waitFor(async () => expect((await h.runtime.listPodSandboxes()).map((s) => s.state)).toEqual(["notready", "ready"]));
  });

  it("retries a pod while the engine is unreachable, and runs it once the engine answers", async () => {
    const h = harness();
    h.runtime.down = true;
    run(h);
    const pod = podOf("web");
    h.pods.set(pod);
    for (let i = 0; i < 5; i++) {
      await flush();
      h.clock.advance(1_000);
    }
    h.runtime.down = false;
    expect(await h.containers(pod)).toEqual([]);
    await vi.waitFor(async () => {
      h.clock.advance(1_000);
      expect((await h.containers(pod, "main")).map((c) => c.state)).toEqual(["running"]);
    });
  });
});
