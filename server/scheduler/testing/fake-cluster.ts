import type { ListerWatcher } from "../../../src/client/informer/lister-watcher.js";
import { SharedInformer } from "../../../src/client/informer/shared-informer.js";
import type { ResourceRef } from "../../../src/client/rest/paths.js";
import type { ApiObject, RestClient } from "../../../src/client/rest/rest-client.js";
import type { TransportRequest } from "../../../src/client/rest/transport.js";
import type { WatchEvent } from "../../../src/client/watch/watch-event.js";
import { createLogger } from "../../../src/log.js";
import type { ControllerContext } from "../../controllers/controller.js";

type Change = { type: "ADDED" | "MODIFIED" | "DELETED"; object: ApiObject };

/** One resource in memory: list, and a watch that hands out every change made after it began. */
class FakeResource {
  readonly objects = new Map<string, ApiObject>();
  private revision = 1;
  private readonly watchers = new Set<(change: Change) => void>();

  put(object: ApiObject): void {
    const key = `${object.metadata?.namespace ?? ""}/${object.metadata?.name ?? ""}`;
    const type = this.objects.has(key) ? "MODIFIED" : "ADDED";
    const stored = { ...object, metadata: { ...object.metadata, resourceVersion: String(++this.revision) } };
    this.objects.set(key, stored);
    for (const watcher of this.watchers) watcher({ type, object: stored });
  }

  source(): ListerWatcher<ApiObject> {
    return {
      list: async () => ({ items: [...this.objects.values()], resourceVersion: String(this.revision) }),
      watch: ({ signal }) => this.watch(signal),
    };
  }

  private async *watch(signal: AbortSignal): AsyncGenerator<WatchEvent> {
    const pending: Change[] = [];
    let wake: (() => void) | undefined;
    const watcher = (change: Change): void => {
      pending.push(change);
      wake?.();
    };
    const onAbort = (): void => wake?.();
    this.watchers.add(watcher);
    signal.addEventListener("abort", onAbort);
    try {
      while (!signal.aborted) {
        const change = pending.shift();
        if (change) yield change;
        else await new Promise<void>((resolve) => (wake = resolve));
      }
    } finally {
      this.watchers.delete(watcher);
      signal.removeEventListener("abort", onAbort);
    }
  }
}

/** What the fake API does with a request the scheduler sends: answer, or throw a StatusError. */
export type RequestHandler = (request: TransportRequest) => unknown;

/**
 * A cluster for the scheduler's loop without a server: pods, nodes and
 * namespaces in memory behind real informers, and a client whose requests
 * a test answers (`onRequest`); every request is recorded.
 */
export class FakeCluster {
  readonly resources = new Map<string, FakeResource>();
  readonly requests: TransportRequest[] = [];
  readonly created: ApiObject[] = [];
  readonly patches: Array<{ name: string; patch: unknown }> = [];
  onRequest: RequestHandler = () => ({});

  resource(name: string): FakeResource {
    let resource = this.resources.get(name);
    if (!resource) {
      resource = new FakeResource();
      this.resources.set(name, resource);
    }
    return resource;
  }

  context(): ControllerContext {
    const client = {
      request: async (request: TransportRequest) => {
        this.requests.push(request);
        return this.onRequest(request);
      },
      create: async (_ref: ResourceRef, _namespace: string | undefined, object: ApiObject) => {
        this.created.push(object);
        return object;
      },
      patch: async (_ref: ResourceRef, _namespace: string | undefined, name: string, _type: string, patch: unknown) => {
        this.patches.push({ name, patch });
        return {};
      },
    } as unknown as RestClient;
    const log = createLogger("silent");
    return {
      client,
      log,
      informer: <T extends ApiObject>(ref: ResourceRef) =>
        new SharedInformer<T>({ source: this.resource(ref.resource).source() as unknown as ListerWatcher<T>, log }),
    };
  }
}
