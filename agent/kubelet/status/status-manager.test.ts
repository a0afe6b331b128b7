import { afterEach, describe, expect, it } from "vitest";
import type { Pod } from "../../../src/api/core/v1/pod.js";
import { FakeClock } from "../../../src/clock.js";
import { createLogger } from "../../../src/log.js";
import { FakeStatusWriter } from "../pods/testing/fakes.js";
import { flush } from "../pods/testing/harness.js";
import { StatusManager } from "./status-manager.js";

const pod = (uid: string, status?: Pod["status"]): Pod => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "web", namespace: "default", uid },
  spec: { containers: [] },
  ...(status ? { status } : {}),
});

const controllers: AbortController[] = [];
afterEach(() => {
  for (const c of controllers.splice(0)) c.abort();
});

function start(): { clock: FakeClock; writer: FakeStatusWriter; manager: StatusManager } {
  const clock = new FakeClock(0);
  const writer = new FakeStatusWriter();
  const manager = new StatusManager(writer, createLogger("silent"), clock);
  const controller = new AbortController();
  controllers.push(controller);
  void manager.run(controller.signal);
  return { clock, writer, manager };
}

describe("StatusManager", () => {
  it("writes a status only when it differs from what the server has", async () => {
    const { writer, manager } = start();
    manager.set(pod("u1", { phase: "Pending" }), { phase: "Pending" });
    await flush();
    expect(writer.writes).toEqual([]);
    manager.set(pod("u1"), { phase: "Running", podIP: "10.42.0.2" });
    await flush();
    manager.set(pod("u1"), { podIP: "10.42.0.2", phase: "Running" });
    await flush();
    expect(writer.writes.map((w) => w.status)).toEqual([{ phase: "Running", podIP: "10.42.0.2" }]);
    expect(writer.writes[0]!.pod).toEqual({ namespace: "default", name: "web", uid: "u1" });
  });

  it("retries a failed write with back-off", async () => {
    const { clock, writer, manager } = start();
    writer.failures = 2;
    manager.set(pod("u1"), { phase: "Running" });
    await flush();
    expect(writer.writes).toEqual([]);
    clock.advance(500);
    await flush();
    expect(writer.writes).toEqual([]);
    clock.advance(1_000);
    await flush();
    expect(writer.writes.map((w) => w.status.phase)).toEqual(["Running"]);
  });

  it("retries at least every 10 s, as the kubelet's status sync does, so statuses are written soon after a long outage", async () => {
    const { clock, writer, manager } = start();
    writer.failures = 9;
    manager.set(pod("u1"), { phase: "Running" });
    await flush();
    // Tries at 0, 0.5, 1.5, 3.5, 7.5 s (back-off doubling), then 15.5, 25.5, 35.5, 45.5 s (every 10 s) fail; 55.5 s writes.
    for (let elapsed = 0; elapsed < 55_000; elapsed += 500) {
      clock.advance(500);
      await flush();
    }
    expect(writer.writes).toEqual([]);
    clock.advance(500);
    await flush();
    expect(writer.writes.map((w) => w.status.phase)).toEqual(["Running"]);
  });

  it("does not write for a pod whose name now belongs to another uid, and forgets it", async () => {
    const { writer, manager } = start();
    writer.uids.set("default/web", "u2");
    manager.set(pod("u1"), { phase: "Running" });
    await flush();
    expect(writer.writes).toEqual([]);
    expect(manager.status("u1")).toBeUndefined();
  });

  it("writes nothing more for a forgotten pod", async () => {
    const { clock, writer, manager } = start();
    writer.failures = 1;
    manager.set(pod("u1"), { phase: "Running" });
    await flush();
    manager.forget("u1");
    clock.advance(5_000);
    await flush();
    expect(writer.writes).toEqual([]);
  });
});
