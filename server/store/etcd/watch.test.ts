import { EventEmitter } from "node:events";
import { ClientClosedError, type IEvent, type IKeyValue, type IWatchRequest, type IWatchResponse } from "etcd3";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../../src/log.js";
import { eventually } from "../../../test/store/helpers/eventually.js";
import { CompactedError, StoreUnavailableError } from "../errors.js";
import type { StoreEvent } from "../store.js";
import { KeySpace } from "./key-space.js";
import { EtcdWatch } from "./watch.js";

/** A gRPC watch stream that the test drives by hand. */
class FakeStream extends EventEmitter {
  readonly requests: IWatchRequest[] = [];
  stopped = false;
  write(request: IWatchRequest): void {
    this.requests.push(request);
  }
  end(): void {
    this.stopped = true;
  }
  cancel(): void {
    this.stopped = true;
  }
  respond(response: Partial<IWatchResponse>): void {
    this.emit("data", { ...emptyResponse(0), ...response });
  }
}

function emptyResponse(revision: number): IWatchResponse {
  return {
    header: { cluster_id: "1", member_id: "1", revision: String(revision), raft_term: "1" },
    watch_id: "0",
    created: false,
    canceled: false,
    compact_revision: "0",
    cancel_reason: "",
    fragment: false,
    events: [],
  };
}

function etcdKv(key: string, value: string, createRevision: number, modRevision: number): IKeyValue {
  return {
    key: Buffer.from(`/ns${key}`),
    value: Buffer.from(value),
    create_revision: String(createRevision),
    mod_revision: String(modRevision),
    version: "1",
    lease: "0",
  };
}

// IEvent declares prev_kv as always present; etcd leaves it out for creates.
const put = (kv: IKeyValue, prev?: IKeyValue): IEvent =>
  ({ type: "Put", kv, ...(prev ? { prev_kv: prev } : {}) }) as IEvent;
const del = (key: string, revision: number, prev: IKeyValue): IEvent =>
  ({ type: "Delete", kv: { ...etcdKv(key, "", 0, revision), value: Buffer.alloc(0) }, prev_kv: prev }) as IEvent;

const open: EtcdWatch[] = [];
afterEach(() => {
  for (const watch of open.splice(0)) watch.close();
});

function startWatch(afterRevision: number, options: { clientClosed?: boolean } = {}) {
  const streams: FakeStream[] = [];
  const compactions: number[] = [];
  const watch = new EtcdWatch(
    {
      openStream: async () => {
        if (options.clientClosed) throw new ClientClosedError("Watch");
        const stream = new FakeStream();
        streams.push(stream);
        return stream;
      },
      keys: new KeySpace("/ns"),
      target: "http://127.0.0.1:2379",
      sawCompaction: (revision) => compactions.push(revision),
      log: createLogger("silent"),
    },
    "/pods/",
    afterRevision,
    () => undefined,
  );
  open.push(watch);
  const events = watch[Symbol.asyncIterator]();
  return { watch, streams, compactions, events, stream: (n: number) => nthStream(streams, n) };
}

/** The watch's `n`th stream, once it has opened it. */
function nthStream(streams: FakeStream[], n: number): Promise<FakeStream> {
  return eventually(
    () => {
      const stream = streams[n];
      if (stream === undefined) throw new Error(`stream ${n} not opened`);
      return stream;
    },
    { timeoutMs: 2_000, intervalMs: 5 },
  );
}

async function take(events: AsyncIterator<StoreEvent>, count: number): Promise<StoreEvent[]> {
  const got: StoreEvent[] = [];
  for (let i = 0; i < count; i++) {
    const next = await events.next();
    if (next.done) throw new Error("watch ended");
    got.push(next.value);
  }
  return got;
}

const a1 = etcdKv("/pods/a", "1", 5, 5);
const a2 = etcdKv("/pods/a", "2", 5, 6);
const b1 = etcdKv("/pods/b", "1", 7, 7);

describe("EtcdWatch", () => {
  it("asks etcd for the prefix from the start revision, with previous values", async () => {
    const { stream } = startWatch(4);
    const request = (await stream(0)).requests[0]?.create_request;
    expect(request?.key?.toString()).toBe("/ns/pods/");
    expect(request?.range_end?.toString()).toBe("/ns/pods0");
    expect(request).toMatchObject({ start_revision: 4, prev_kv: true, progress_notify: true });

    const fromZero = startWatch(0);
    expect((await fromZero.stream(0)).requests[0]?.create_request?.start_revision).toBe(1);
  });

  it("turns etcd events into create, update and delete with prev, dropping the start revision's own", async () => {
    const { stream, events } = startWatch(4);
    const first = await stream(0);
    first.respond({ created: true });
    first.respond({ events: [put(etcdKv("/pods/z", "old", 4, 4)), put(a1)] });
    first.respond({ events: [put(a2, a1)] });
    first.respond({ events: [del("/pods/a", 8, a2)] });
    expect(await take(events, 3)).toEqual([
      { type: "create", kv: { key: "/pods/a", value: "1", createRevision: 5, modRevision: 5 } },
      {
        type: "update",
        kv: { key: "/pods/a", value: "2", createRevision: 5, modRevision: 6 },
        prev: { key: "/pods/a", value: "1", createRevision: 5, modRevision: 5 },
      },
      {
        type: "delete",
        kv: { key: "/pods/a", value: "2", createRevision: 5, modRevision: 8 },
        prev: { key: "/pods/a", value: "2", createRevision: 5, modRevision: 6 },
      },
    ]);
  });

  it("resumes a lost stream at the last delivered revision, without repeats", async () => {
    const { stream, events } = startWatch(4);
    const first = await stream(0);
    first.respond({ created: true });
    first.respond({ events: [put(a1)], header: { ...emptyResponse(99).header } });
    expect(await take(events, 1)).toMatchObject([{ type: "create" }]);

    first.emit("error", new Error("14 UNAVAILABLE: Connection dropped"));
    expect(first.stopped).toBe(true);
    const second = await stream(1);
    expect(second.requests[0]?.create_request?.start_revision).toBe(5);
    second.respond({ created: true });
    second.respond({ events: [put(a1)] });
    second.respond({ events: [put(a2, a1), put(b1)] });
    expect((await take(events, 2)).map((e) => [e.type, e.kv.modRevision])).toEqual([
      ["update", 6],
      ["create", 7],
    ]);
    // A late answer on the old stream is ignored.
    first.respond({ events: [put(etcdKv("/pods/c", "x", 50, 50))] });
    second.respond({ events: [put(etcdKv("/pods/d", "x", 51, 51))] });
    expect((await take(events, 1))[0]?.kv.key).toBe("/pods/d");
  });

  it("moves the resume point forward on a progress notification", async () => {
    const { stream } = startWatch(4);
    const first = await stream(0);
    first.respond({ created: true });
    first.respond({ ...emptyResponse(40) });
    first.emit("end");
    expect((await stream(1)).requests[0]?.create_request?.start_revision).toBe(40);
  });

  it("fails with CompactedError when etcd cancels for compaction", async () => {
    const { stream, events, compactions } = startWatch(4);
    const first = await stream(0);
    first.respond({ created: true });
    first.respond({ canceled: true, compact_revision: "9" });
    const error = await events.next().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CompactedError);
    expect(error).toMatchObject({ requestedRevision: 4, compactedRevision: 9 });
    expect(compactions).toEqual([9]);
    expect(await events.next()).toEqual({ value: undefined, done: true });
  });

  it("fails with CompactedError when an update's previous value was compacted while catching up", async () => {
    const { stream, events } = startWatch(4);
    const first = await stream(0);
    first.respond({ created: true });
    first.respond({ events: [put(a2)] });
    await expect(events.next()).rejects.toBeInstanceOf(CompactedError);
  });

  it("fails with StoreUnavailableError when etcd cancels for another reason", async () => {
    const { stream, events } = startWatch(4);
    const first = await stream(0);
    first.respond({ canceled: true, cancel_reason: "permission denied" });
    const error = await events.next().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(String(error)).toContain("etcd cancelled the watch: permission denied");
  });

  it("stops its stream on close and ends iteration", async () => {
    const { watch, stream, events, streams } = startWatch(4);
    const first = await stream(0);
    const pending = events.next();
    watch.close();
    expect(first.stopped).toBe(true);
    expect(await pending).toEqual({ value: undefined, done: true });
    first.emit("error", new Error("1 CANCELLED"));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(streams).toHaveLength(1);
  });

  it("fails at once when the store's client is closed", async () => {
    const { events } = startWatch(4, { clientClosed: true });
    const error = await events.next().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(String(error)).toContain("the etcd store is closed");
  });
});
