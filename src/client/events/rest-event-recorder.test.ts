import { describe, expect, it } from "vitest";
import { FakeClock } from "../../clock.js";
import { createLogger } from "../../log.js";
import { notFound } from "../../errors/status.js";
import type { ApiObject } from "../rest/rest-client.js";
import { EventSpamFilter } from "./event-spam-filter.js";
import { RestEventRecorder } from "./rest-event-recorder.js";

interface Call {
  verb: "create" | "patch";
  namespace: string | undefined;
  name: string;
  body: unknown;
}

/** A client that records what it was asked and answers from `fail` when told to. */
function fakeClient(fail?: (call: Call) => Error | undefined) {
  const calls: Call[] = [];
  const answer = async (call: Call): Promise<never> => {
    calls.push(call);
    const error = fail?.(call);
    if (error) throw error;
    return call.body as never;
  };
  return {
    calls,
    client: {
      create: (_ref: unknown, namespace: string | undefined, object: ApiObject) =>
        answer({ verb: "create", namespace, name: String(object.metadata?.name), body: object }),
      patch: (_ref: unknown, namespace: string | undefined, name: string, _type: unknown, body: unknown) => answer({ verb: "patch", namespace, name, body }),
    },
  };
}

const log = createLogger("silent");
const pod = { apiVersion: "v1", kind: "Pod", namespace: "homelab", name: "web", uid: "uid-1" };
const start = Date.UTC(2026, 10, 23, 12, 0, 0);

describe("RestEventRecorder", () => {
  it("creates an Event named <object>.<hex nanoseconds> in the object's namespace, with source and reporter", async () => {
    const clock = new FakeClock(start);
    const { client, calls } = fakeClient();
    const recorder = new RestEventRecorder({ client, component: "kubelet", host: "pi-1", log, clock });
    recorder.event({ ...pod, fieldPath: "spec.containers{web}" }, "Normal", "Pulled", "Successfully pulled image");
    await recorder.flush();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.namespace).toBe("homelab");
    expect(calls[0]!.name).toBe(`web.${(BigInt(start) * 1_000_000n).toString(16)}`);
    expect(calls[0]!.body).toMatchObject({
      metadata: { namespace: "homelab" },
      involvedObject: { kind: "Pod", name: "web", fieldPath: "spec.containers{web}" },
      type: "Normal",
      reason: "Pulled",
      message: "Successfully pulled image",
      source: { component: "kubelet", host: "pi-1" },
      reportingComponent: "kubelet",
      reportingInstance: "pi-1",
      firstTimestamp: "2026-11-23T12:00:00Z",
      lastTimestamp: "2026-11-23T12:00:00Z",
      count: 1,
    });
  });

  it("folds repeats within ten minutes into a PATCH of count and lastTimestamp; later, a new Event", async () => {
    const clock = new FakeClock(start);
    const { client, calls } = fakeClient();
    const recorder = new RestEventRecorder({ client, component: "kubelet", log, clock });
    recorder.event(pod, "Warning", "BackOff", "Back-off restarting failed container");
    clock.advance(30_000);
    recorder.event(pod, "Warning", "BackOff", "Back-off restarting failed container");
    clock.advance(9 * 60_000);
    recorder.event(pod, "Warning", "BackOff", "Back-off restarting failed container");
    recorder.event(pod, "Warning", "BackOff", "another message");
    clock.advance(10 * 60_000);
    recorder.event(pod, "Warning", "BackOff", "Back-off restarting failed container");
    await recorder.flush();
    const first = calls[0]!.name;
    expect(calls.map((call) => [call.verb, call.name === first])).toEqual([
      ["create", true],
      ["patch", true],
      ["patch", true],
      ["create", false],
      ["create", false],
    ]);
    expect(calls[1]!.body).toEqual({ count: 2, lastTimestamp: "2026-11-23T12:00:30Z" });
    expect(calls[2]!.body).toEqual({ count: 3, lastTimestamp: "2026-11-23T12:09:30Z" });
  });

  it("puts events about cluster-scoped objects in default", async () => {
    const { client, calls } = fakeClient();
    const recorder = new RestEventRecorder({ client, component: "kubelet", log, clock: new FakeClock(start) });
    recorder.event({ kind: "Node", name: "pi-1", uid: "pi-1" }, "Normal", "NodeReady", "Node pi-1 status is now: NodeReady");
    await recorder.flush();
    expect(calls[0]!.namespace).toBe("default");
  });

  it("never throws: a failed create is dropped and the next repeat creates again; a deleted Event is re-created", async () => {
    const clock = new FakeClock(start);
    let failCreates = true;
    const { client, calls } = fakeClient((call) => {
      if (call.verb === "create" && failCreates) return new Error("connection refused");
      if (call.verb === "patch") return notFound({ group: "", resource: "events" }, call.name);
      return undefined;
    });
    const recorder = new RestEventRecorder({ client, component: "kubelet", log, clock });
    expect(() => recorder.event(pod, "Normal", "Started", "Started container web")).not.toThrow();
    await recorder.flush();
    failCreates = false;
    recorder.event(pod, "Normal", "Started", "Started container web");
    recorder.event(pod, "Normal", "Started", "Started container web");
    await recorder.flush();
    expect(calls.map((call) => call.verb)).toEqual(["create", "create", "patch", "create"]);
    expect(calls[3]!.body).toMatchObject({ count: 1 });
  });

  it("drops what one object's token bucket does not allow, while other objects still get theirs", async () => {
    const clock = new FakeClock(start);
    const { client, calls } = fakeClient();
    const spamFilter = new EventSpamFilter({ clock, burst: 3, refillMs: 60_000 });
    const recorder = new RestEventRecorder({ client, component: "kubelet", log, clock, spamFilter });
    for (let i = 0; i < 5; i++) recorder.event(pod, "Normal", "Tick", `tick ${i}`);
    recorder.event({ ...pod, name: "other", uid: "uid-2" }, "Normal", "Tick", "tick");
    clock.advance(60_000);
    recorder.event(pod, "Normal", "Tick", "tick 5");
    await recorder.flush();
    expect(calls.map((call) => (call.body as { message?: string }).message)).toEqual(["tick 0", "tick 1", "tick 2", "tick", "tick 5"]);
  });

  it("keeps at most maxPending writes waiting", async () => {
    const { client, calls } = fakeClient();
    const recorder = new RestEventRecorder({ client, component: "kubelet", log, clock: new FakeClock(start), maxPending: 2 });
    for (let i = 0; i < 4; i++) recorder.event({ ...pod, name: `p${i}`, uid: `u${i}` }, "Normal", "Tick", "tick");
    await recorder.flush();
    expect(calls).toHaveLength(2);
  });
});
