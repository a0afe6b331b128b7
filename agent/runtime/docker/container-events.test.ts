import { PassThrough } from "node:stream";
import type Docker from "dockerode";
import { describe, expect, it } from "vitest";
import { FakeClock } from "../../../src/clock.js";
import { createLogger } from "../../../src/log.js";
import type { ContainerEvent } from "../container-runtime.js";
import { containerEventOf, DockerEventStream } from "./container-events.js";
import { ownerLabels } from "./docker-labels.js";

const anyNode = ownerLabels();

const labels = {
  "skiff.dev/managed-by": "skiff-agent",
  "io.kubernetes.pod.uid": "u",
  "io.kubernetes.pod.namespace": "ns",
  "io.kubernetes.pod.name": "p",
};

function line(action: string, attributes: Record<string, string> = labels, timeNano = 1_700_000_000_500_000_000): string {
  return JSON.stringify({ Type: "container", Action: action, Actor: { ID: "c1", Attributes: attributes }, timeNano });
}

describe("containerEventOf", () => {
  it("maps start, die and oom of skiff's containers, and nothing else", () => {
    expect(containerEventOf(line("die"), anyNode).event).toEqual({ type: "die", containerId: "c1", pod: { uid: "u", namespace: "ns", name: "p" } });
    expect(containerEventOf(line("start"), anyNode).event?.type).toBe("start");
    expect(containerEventOf(line("oom"), anyNode).event?.type).toBe("oom");
    expect(containerEventOf(line("create"), anyNode).event).toBeUndefined();
    expect(containerEventOf(line("die", { "io.kubernetes.pod.uid": "u" }), anyNode).event).toBeUndefined();
    expect(containerEventOf("not json", anyNode)).toEqual({});
    expect(containerEventOf(line("die"), anyNode).timeNano).toBe(1_700_000_000_500_000_000);
  });

  it("for a node's runtime, maps only the events of containers labelled with that node", () => {
    const node = ownerLabels("n1");
    expect(containerEventOf(line("die", { ...labels, "skiff.dev/node": "n1" }), node).event?.type).toBe("die");
    expect(containerEventOf(line("die", { ...labels, "skiff.dev/node": "n2" }), node).event).toBeUndefined();
    expect(containerEventOf(line("die"), node).event).toBeUndefined();
  });
});

/** A Docker whose event streams the test writes and ends by hand. */
function fakeDocker(): { docker: Docker; streams: PassThrough[]; since: unknown[] } {
  const streams: PassThrough[] = [];
  const since: unknown[] = [];
  const docker = {
    getEvents: async (options: { since?: unknown; abortSignal?: AbortSignal }) => {
      since.push(options.since);
      const stream = new PassThrough();
      options.abortSignal?.addEventListener("abort", () => stream.destroy());
      streams.push(stream);
      return stream;
    },
  } as unknown as Docker;
  return { docker, streams, since };
}

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe("DockerEventStream", () => {
  it("delivers events to every listener and reconnects from the last event after a break", async () => {
    const { docker, streams, since } = fakeDocker();
    const clock = new FakeClock(1_000_000);
    const events = new DockerEventStream(docker, createLogger("silent"), { clock, retryMs: 500 });
    const seen: ContainerEvent[] = [];
    const other: ContainerEvent[] = [];
    const stop = events.subscribe((e) => seen.push(e));
    const stopOther = events.subscribe((e) => other.push(e));
    await flush();
    expect(streams).toHaveLength(1);
    expect(since[0]).toBe(1000);

    streams[0]!.write(`${line("start")}\n${line("die", labels, 1_700_000_001_250_000_000)}\n`);
    await flush();
    expect(seen.map((e) => e.type)).toEqual(["start", "die"]);
    expect(other).toHaveLength(2);

    streams[0]!.end();
    await flush();
    expect(streams).toHaveLength(1);
    clock.advance(500);
    await flush();
    expect(streams).toHaveLength(2);
    expect(since[1]).toBeCloseTo(1_700_000_001.25, 3);

    stop();
    stopOther();
    await flush();
    expect(streams[1]!.destroyed).toBe(true);
  });

  it("waits longer after each failed reconnect, and no longer after one that works", async () => {
    const clock = new FakeClock(0);
    let calls = 0;
    let failing = true;
    const docker = {
      getEvents: async () => {
        calls++;
        if (failing) throw new Error("connect ENOENT /var/run/docker.sock");
        return new PassThrough();
      },
    } as unknown as Docker;
    const events = new DockerEventStream(docker, createLogger("silent"), { clock, retryMs: 100, maxRetryMs: 300 });
    const stop = events.subscribe(() => undefined);
    await flush();
    expect(calls).toBe(1);
    for (const [wait, total] of [[100, 2], [200, 3], [300, 4], [300, 5]] as const) {
      clock.advance(wait - 1);
      await flush();
      expect(calls).toBe(total - 1);
      clock.advance(1);
      await flush();
      expect(calls).toBe(total);
    }
    failing = false;
    clock.advance(300);
    await flush();
    expect(calls).toBe(6);
    stop();
  });
});
