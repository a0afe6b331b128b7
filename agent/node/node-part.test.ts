import { describe, expect, it } from "vitest";
import { FakeClock } from "../../src/clock.js";
import { createLogger } from "../../src/log.js";
import type { Lease } from "../../src/api/coordination/v1/lease.js";
import type { Node } from "../../src/api/core/v1/node.js";
import { NodePart } from "./node-part.js";
import { fakeHost } from "./testing/fake-host.js";
import { FakeNodeApi } from "./testing/fake-node-api.js";

const log = createLogger("silent");
const start = Date.UTC(2026, 10, 23, 12, 0, 0);
const runtime = { version: async () => ({ name: "docker", version: "26.1.5" }), ping: async () => undefined };

/** Lets the promise callbacks that a fake clock's timers started run to their end. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

function nodePart(api: FakeNodeApi, clock: FakeClock): NodePart {
  return new NodePart({
    client: api,
    nodeName: "pi-1",
    labels: { disk: "ssd" },
    taints: [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }],
    dataDir: "/var/lib/skiff-agent",
    runtime,
    host: fakeHost(),
    clock,
    log,
  });
}

describe("NodePart", () => {
  it("registers the Node with its labels and taints, writes its status and Lease, then renews the Lease every 10 s", async () => {
    const api = new FakeNodeApi();
    const clock = new FakeClock(start);
    const part = nodePart(api, clock);
    await part.start();
    const node = api.objects.get("nodes/pi-1") as unknown as Node;
    expect(node.metadata.labels).toMatchObject({ "kubernetes.io/hostname": "pi-1", "kubernetes.io/arch": "arm64", "kubernetes.io/os": "linux", disk: "ssd" });
    expect(node.spec?.taints).toEqual([{ key: "dedicated", value: "gpu", effect: "NoSchedule" }]);
    expect(node.status?.addresses).toEqual([
      { type: "InternalIP", address: "192.0.2.2" },
      { type: "Hostname", address: "pi-lab" },
    ]);
    const lease = (): Lease => api.objects.get("leases/pi-1") as unknown as Lease;
    expect(lease().spec).toEqual({ holderIdentity: "pi-1", leaseDurationSeconds: 40, renewTime: "2026-11-23T12:00:00.000000Z" });
    expect(lease().metadata.ownerReferences).toEqual([{ apiVersion: "v1", kind: "Node", name: "pi-1", uid: "uid-pi-1" }]);

    clock.advance(10_000);
    await settle();
    expect(lease().spec?.renewTime).toBe("2026-11-23T12:00:10.000000Z");
    clock.advance(10_000);
    await settle();
    expect(lease().spec?.renewTime).toBe("2026-11-23T12:00:20.000000Z");
    // Renewals are single PUTs of the Lease last written.
    expect(api.callsOf("leases").map((call) => call.verb)).toEqual(["get", "create", "update", "update"]);
    // Someone else wrote the Lease: the stale PUT is refused, the Lease read again and renewed in the same round.
    const current = api.objects.get("leases/pi-1")!;
    api.objects.set("leases/pi-1", { ...current, metadata: { ...current.metadata, resourceVersion: "999" } });
    clock.advance(10_000);
    await settle();
    expect(api.callsOf("leases").map((call) => call.verb).slice(4)).toEqual(["update", "get", "update"]);
    expect(lease().spec?.renewTime).toBe("2026-11-23T12:00:30.000000Z");

    await part.stop();
    clock.advance(60_000);
    await settle();
    expect(lease().spec?.renewTime).toBe("2026-11-23T12:00:30.000000Z");
    expect(clock.pendingTimers()).toBe(0);
  });

  it("adopts the Node after a restart: labels brought up to date, taints left alone, the Lease taken over", async () => {
    const api = new FakeNodeApi();
    const clock = new FakeClock(start);
    const first = nodePart(api, clock);
    await first.start();
    await first.stop();

    const second = new NodePart({ client: api, nodeName: "pi-1", labels: { disk: "nvme" }, taints: [], dataDir: "/d", runtime, host: fakeHost(), clock, log });
    clock.advance(30_000);
    await second.start();
    const node = api.objects.get("nodes/pi-1") as unknown as Node;
    expect(node.metadata.labels?.disk).toBe("nvme");
    expect(node.spec?.taints).toEqual([{ key: "dedicated", value: "gpu", effect: "NoSchedule" }]);
    expect((api.objects.get("leases/pi-1") as unknown as Lease).spec?.renewTime).toBe("2026-11-23T12:00:30.000000Z");
    await second.stop();
  });

  it("writes its whole status again once its Lease renews after failing (the server may have marked it Unknown meanwhile)", async () => {
    const api = new FakeNodeApi();
    const clock = new FakeClock(start);
    const part = nodePart(api, clock);
    await part.start();
    const statusWrites = (): number => api.callsOf("nodes").filter((call) => call.subresource === "status").length;
    const before = statusWrites();
    clock.advance(10_000);
    await settle();
    expect(statusWrites()).toBe(before);
    // Out of touch for two renewals; the status is unchanged, so nothing else tries the server.
    api.failures = 2;
    clock.advance(20_000);
    await settle();
    expect(statusWrites()).toBe(before);
    // The third renewal (at 40 s) succeeds; the next status check writes the status again, once.
    clock.advance(10_000);
    await settle();
    clock.advance(10_000);
    await settle();
    expect(statusWrites()).toBe(before + 1);
    clock.advance(10_000);
    await settle();
    expect(statusWrites()).toBe(before + 1);
    await part.stop();
  });

  it("keeps trying to register while the server is away, and stops when told to", async () => {
    const api = new FakeNodeApi();
    api.failures = 2;
    const clock = new FakeClock(start);
    const part = nodePart(api, clock);
    const started = part.start();
    await settle();
    clock.advance(7_000);
    await settle();
    clock.advance(7_000);
    await started;
    expect(api.objects.has("nodes/pi-1")).toBe(true);
    await part.stop();

    const never = new FakeNodeApi();
    never.failures = Number.POSITIVE_INFINITY;
    const stopped = nodePart(never, clock);
    const starting = stopped.start();
    await settle();
    await stopped.stop();
    await starting;
    expect(never.objects.size).toBe(0);
  });
});
