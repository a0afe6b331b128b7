import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";

/** A pod as the fake server stores it: only what informer tests look at. */
export type FakePod = {
  apiVersion: "v1";
  kind: "Pod";
  metadata: {
    name: string;
    namespace: string;
    uid: string;
    resourceVersion: string;
    labels?: Record<string, string>;
    ownerReferences?: Array<{ apiVersion: string; kind: string; name: string; uid: string; controller?: boolean }>;
  };
  spec: { generation: number };
};

export interface RecordedRequest {
  kind: "list" | "watch";
  protocol: "http" | "websocket";
  namespace: string | undefined;
  query: URLSearchParams;
}

type EventType = "ADDED" | "MODIFIED" | "DELETED";

interface Watcher {
  namespace: string | undefined;
  bookmarks: boolean;
  send(line: string): void;
  /** Cuts the connection, after `partial` bytes of an event when given. */
  drop(partial?: string): void;
  end(): void;
}

const podPath = /^\/api\/v1\/(?:namespaces\/([^/]+)\/)?pods$/;
const keyOf = (pod: FakePod): string => `${pod.metadata.namespace}/${pod.metadata.name}`;

/**
 * A scripted Kubernetes API for pods on 127.0.0.1, speaking the protocol an
 * informer relies on: paged lists from consistent snapshots (limit/continue,
 * 410 once a snapshot is compacted), watches over chunked HTTP and WebSocket
 * from a resourceVersion (410 ERROR event once it is compacted), bookmarks,
 * and faults on demand: dropped connections, cut events, refused requests.
 */
export class FakeApiServer {
  /** The revision of the last write. */
  revision = 1;
  /** Watches from below this, and continue tokens of snapshots below it, are expired. */
  compactedRevision = 0;
  readonly requests: RecordedRequest[] = [];
  /** Called with every recorded request before it is answered: a test's hook to change the world in between. */
  onRequest: ((call: RecordedRequest) => void) | undefined;
  private readonly objects = new Map<string, FakePod>();
  private history: Array<{ revision: number; type: EventType; object: FakePod }> = [];
  private readonly watchers = new Set<Watcher>();
  private readonly snapshots = new Map<number, { revision: number; items: FakePod[] }>();
  private readonly faults: Record<RecordedRequest["kind"], number[]> = { list: [], watch: [] };
  private nextSnapshot = 1;
  private nextUid = 1;
  private readonly server: Server = createServer((request, response) => this.handle(request, response));
  private readonly sockets = new WebSocketServer({ noServer: true });

  /** Listens on a free port of 127.0.0.1; resolves with the base URL. */
  async start(): Promise<string> {
    this.server.on("upgrade", (request, socket, head) => this.upgrade(request, socket, head));
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.dropWatches();
    this.sockets.close();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  create(namespace: string, name: string, metadata: Partial<FakePod["metadata"]> = {}): FakePod {
    if (this.objects.has(`${namespace}/${name}`)) throw new Error(`${namespace}/${name} exists`);
    const pod: FakePod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { ...metadata, name, namespace, uid: `uid-${this.nextUid++}`, resourceVersion: "" },
      spec: { generation: 1 },
    };
    return this.write("ADDED", pod);
  }

  /** A new revision of the pod; `change` may edit its labels and owners. */
  update(namespace: string, name: string, change: (metadata: FakePod["metadata"]) => void = () => {}): FakePod {
    const old = this.mustGet(namespace, name);
    const pod = structuredClone(old);
    pod.spec.generation++;
    change(pod.metadata);
    return this.write("MODIFIED", pod);
  }

  delete(namespace: string, name: string): FakePod {
    return this.write("DELETED", structuredClone(this.mustGet(namespace, name)));
  }

  get(namespace: string, name: string): FakePod | undefined {
    return this.objects.get(`${namespace}/${name}`);
  }

  /** Every stored pod, by key. */
  state(): FakePod[] {
    return [...this.objects.values()].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
  }

  get watcherCount(): number {
    return this.watchers.size;
  }

  /** Sends a BOOKMARK at the current revision to every watcher that asked for them. */
  bookmark(): void {
    const object = { kind: "Pod", apiVersion: "v1", metadata: { resourceVersion: String(this.revision) } };
    const line = JSON.stringify({ type: "BOOKMARK", object });
    for (const watcher of this.watchers) if (watcher.bookmarks) watcher.send(line);
  }

  /** Cuts every watch connection, inside an event when `midEvent`. */
  dropWatches(options: { midEvent?: boolean } = {}): void {
    const partial = options.midEvent ? '{"type":"MODIFIED","object":{"kind":"Pod","metadata":{"na' : undefined;
    for (const watcher of this.detachAll()) watcher.drop(partial);
  }

  /** Ends every watch cleanly, as a server does when timeoutSeconds has passed. */
  endWatches(): void {
    for (const watcher of this.detachAll()) watcher.end();
  }

  // Detached at once, so no write of the test reaches a connection on its way out.
  private detachAll(): Watcher[] {
    const all = [...this.watchers];
    this.watchers.clear();
    return all;
  }

  /** Forgets all history: older versions and continue tokens are expired from now on. */
  compact(): void {
    this.compactedRevision = this.revision;
    this.history = [];
  }

  /** Answers the next request of the kind with this HTTP error code (queued, one per call). */
  failNext(kind: RecordedRequest["kind"], code: number): void {
    this.faults[kind].push(code);
  }

  private mustGet(namespace: string, name: string): FakePod {
    const pod = this.get(namespace, name);
    if (!pod) throw new Error(`${namespace}/${name} does not exist`);
    return pod;
  }

  private write(type: EventType, pod: FakePod): FakePod {
    pod.metadata.resourceVersion = String(++this.revision);
    if (type === "DELETED") this.objects.delete(keyOf(pod));
    else this.objects.set(keyOf(pod), pod);
    this.history.push({ revision: this.revision, type, object: pod });
    const line = JSON.stringify({ type, object: pod });
    for (const watcher of this.watchers) {
      if (watcher.namespace === undefined || watcher.namespace === pod.metadata.namespace) watcher.send(line);
    }
    return pod;
  }

  private route(request: IncomingMessage, protocol: RecordedRequest["protocol"]): RecordedRequest | undefined {
    const url = new URL(request.url ?? "/", "http://fake");
    const match = podPath.exec(url.pathname);
    if (!match) return undefined;
    const kind = url.searchParams.get("watch") === "1" ? "watch" : "list";
    const recorded: RecordedRequest = { kind, protocol, namespace: match[1], query: url.searchParams };
    this.requests.push(recorded);
    this.onRequest?.(recorded);
    return recorded;
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const call = this.route(request, "http");
    if (!call) return answer(response, 404, status(404, "NotFound", "no such path"));
    const fault = this.faults[call.kind].shift();
    if (fault !== undefined) return answer(response, fault, status(fault, "InternalError", "scripted failure"));
    if (call.kind === "list") return this.list(call, response);
    response.writeHead(200, { "Content-Type": "application/json", "Transfer-Encoding": "chunked" });
    response.flushHeaders();
    this.watch(call, {
      send: (line) => response.write(`${line}\n`),
      drop: (partial) => {
        if (partial) response.write(partial);
        // Let the partial bytes leave before the reset.
        setImmediate(() => response.socket?.destroy());
      },
      end: () => response.end(),
      onClose: (fn) => response.on("close", fn),
    });
  }

  private upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const call = this.route(request, "websocket");
    const fault = call ? this.faults[call.kind].shift() : 404;
    if (!call || call.kind !== "watch" || fault !== undefined) {
      const code = fault ?? 400;
      const body = JSON.stringify(status(code, "InternalError", "scripted failure"));
      const head = `HTTP/1.1 ${code} Refused\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}`;
      socket.end(`${head}\r\nConnection: close\r\n\r\n${body}`);
      return;
    }
    this.sockets.handleUpgrade(request, socket, head, (ws) =>
      this.watch(call, {
        send: (line) => ws.send(line),
        drop: () => ws.terminate(),
        end: () => ws.close(1000),
        onClose: (fn) => ws.on("close", fn),
      }),
    );
  }

  private list(call: RecordedRequest, response: ServerResponse): void {
    const token = call.query.get("continue");
    const limit = Number(call.query.get("limit") ?? 0);
    let snapshotId: number;
    let offset = 0;
    if (token) {
      [snapshotId, offset] = token.split(":").map(Number) as [number, number];
    } else {
      snapshotId = this.nextSnapshot++;
      const items = this.state().filter((pod) => call.namespace === undefined || pod.metadata.namespace === call.namespace);
      this.snapshots.set(snapshotId, { revision: this.revision, items: structuredClone(items) });
    }
    const snapshot = this.snapshots.get(snapshotId);
    if (!snapshot || snapshot.revision < this.compactedRevision) {
      return answer(response, 410, status(410, "Expired", "The provided continue parameter is too old"));
    }
    const end = limit > 0 ? offset + limit : snapshot.items.length;
    const metadata: Record<string, string> = { resourceVersion: String(snapshot.revision) };
    if (end < snapshot.items.length) metadata.continue = `${snapshotId}:${end}`;
    answer(response, 200, { kind: "PodList", apiVersion: "v1", metadata, items: snapshot.items.slice(offset, end) });
  }

  private watch(call: RecordedRequest, sink: Omit<Watcher, "namespace" | "bookmarks"> & { onClose(fn: () => void): void }): void {
    const from = Number(call.query.get("resourceVersion"));
    if (!Number.isInteger(from) || from < this.compactedRevision) {
      const expired = status(410, "Expired", `too old resource version: ${from} (${this.compactedRevision})`);
      sink.send(JSON.stringify({ type: "ERROR", object: expired }));
      sink.end();
      return;
    }
    const watcher: Watcher = { ...sink, namespace: call.namespace, bookmarks: call.query.get("allowWatchBookmarks") === "true" };
    for (const event of this.history) {
      if (event.revision > from && (call.namespace === undefined || event.object.metadata.namespace === call.namespace)) {
        sink.send(JSON.stringify({ type: event.type, object: event.object }));
      }
    }
    this.watchers.add(watcher);
    sink.onClose(() => this.watchers.delete(watcher));
  }
}

function status(code: number, reason: string, message: string): object {
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", reason, message, code };
}

function answer(response: ServerResponse, code: number, body: object): void {
  response.writeHead(code, { "Content-Type": "application/json" });
  response.end(JSON.stringify(body));
}
