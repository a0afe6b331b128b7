import { SharedInformer } from "../../../../src/client/informer/shared-informer.js";
import type { ListerWatcher } from "../../../../src/client/informer/lister-watcher.js";
import type { ResourceRef } from "../../../../src/client/rest/paths.js";
import type { ApiObject, RestClient } from "../../../../src/client/rest/rest-client.js";
import type { WatchEvent } from "../../../../src/client/watch/watch-event.js";
import { StatusError } from "../../../../src/errors/status.js";
import { createLogger } from "../../../../src/log.js";
import type { ControllerContext } from "../../controller.js";

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** RFC 7386 merge patch; with `byType`, arrays of conditions merge by their `type` (what strategic merge does for them). */
function merge(target: unknown, patch: unknown, byType: boolean): unknown {
  if (!isRecord(patch)) return patch;
  const result: Json = isRecord(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else if (byType && key === "conditions" && Array.isArray(value) && Array.isArray(result[key])) {
      const merged = [...(result[key] as Json[])];
      for (const condition of value as Json[]) {
        const at = merged.findIndex((c) => c.type === condition.type);
        if (at >= 0) merged[at] = { ...merged[at], ...condition };
        else merged.push(condition);
      }
      result[key] = merged;
    } else result[key] = merge(result[key], value, byType);
  }
  return result;
}

interface Watch {
  push(event: WatchEvent<ApiObject>): void;
}

const failure = (code: number, reason: string, message: string): StatusError =>
  new StatusError({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", code, reason, message });

/**
 * An in-memory API for controller unit tests: objects by resource, list +
 * watch for informers, and the writes the node controllers make (merge and
 * condition-merging patches with resourceVersion preconditions, deletes
 * with uid preconditions, Event creates). Time is the test's: nothing here
 * waits.
 */
export class FakeCluster {
  private revision = 1;
  private readonly objects = new Map<string, Map<string, ApiObject>>();
  private readonly watches = new Map<string, Set<Watch>>();
  readonly writes: string[] = [];
  /** Every object as it was stored, in order. */
  readonly history: ApiObject[] = [];
  readonly events: Json[] = [];

  private bucket(ref: ResourceRef): Map<string, ApiObject> {
    let found = this.objects.get(ref.resource);
    if (!found) this.objects.set(ref.resource, (found = new Map()));
    return found;
  }

  get<T extends ApiObject>(ref: ResourceRef, namespace: string | undefined, name: string): T | undefined {
    return this.bucket(ref).get(`${namespace ?? ""}/${name}`) as T | undefined;
  }

  /** Stores an object as a client outside the controller would (a create or a whole update). */
  put(ref: ResourceRef, object: ApiObject): ApiObject {
    const metadata = { uid: `uid-${object.metadata?.name}`, ...object.metadata, resourceVersion: String(++this.revision) };
    const stored = structuredClone({ ...object, metadata });
    const key = `${metadata.namespace ?? ""}/${metadata.name}`;
    const type = this.bucket(ref).has(key) ? "MODIFIED" : "ADDED";
    this.bucket(ref).set(key, stored);
    this.history.push(stored);
    for (const watch of this.watches.get(ref.resource) ?? []) watch.push({ type, object: structuredClone(stored) });
    return stored;
  }

  remove(ref: ResourceRef, namespace: string | undefined, name: string): void {
    const key = `${namespace ?? ""}/${name}`;
    const stored = this.bucket(ref).get(key);
    if (!stored) return;
    this.bucket(ref).delete(key);
    for (const watch of this.watches.get(ref.resource) ?? []) watch.push({ type: "DELETED", object: structuredClone(stored) });
  }

  private source(ref: ResourceRef, namespace: string | undefined): ListerWatcher<ApiObject> {
    const inScope = (object: ApiObject): boolean => namespace === undefined || object.metadata?.namespace === namespace;
    return {
      list: async () => ({ items: [...this.bucket(ref).values()].filter(inScope).map((o) => structuredClone(o)), resourceVersion: String(this.revision) }),
      watch: ({ signal }) => {
        const pending: Array<WatchEvent<ApiObject>> = [];
        let wake: (() => void) | undefined;
        const watch: Watch = {
          push: (event) => {
            if (event.type !== "BOOKMARK" && !inScope(event.object)) return;
            pending.push(event);
            wake?.();
          },
        };
        let set = this.watches.get(ref.resource);
        if (!set) this.watches.set(ref.resource, (set = new Set()));
        set.add(watch);
        const watches = set;
        return (async function* () {
          try {
            while (!signal.aborted) {
              const next = pending.shift();
              if (next) yield next;
              else await new Promise<void>((resolve) => ((wake = resolve), signal.addEventListener("abort", () => resolve(), { once: true })));
            }
          } finally {
            watches.delete(watch);
          }
        })();
      },
    };
  }

  /** What a controller is given: informers on this cluster, and a client that writes to it. */
  context(): ControllerContext {
    const log = createLogger("silent");
    const informer = ((ref: ResourceRef, choice: { fieldSelector?: string } = {}) => {
      const namespace = /^metadata\.namespace=(.+)$/.exec(choice.fieldSelector ?? "")?.[1];
      return new SharedInformer({ source: this.source(ref, namespace), log });
    }) as ControllerContext["informer"];
    const client = {
      patch: async (ref: ResourceRef, namespace: string | undefined, name: string, type: string, patch: Json, options: { subresource?: string } = {}) => {
        const current = this.get(ref, namespace, name);
        if (!current) throw failure(404, "NotFound", `${ref.resource} "${name}" not found`);
        const wanted = (patch.metadata as Json | undefined)?.resourceVersion;
        if (wanted !== undefined && wanted !== current.metadata?.resourceVersion) throw failure(409, "Conflict", "the object has been modified");
        this.writes.push(`patch ${ref.resource}${options.subresource ? `/${options.subresource}` : ""} ${name}`);
        return this.put(ref, merge(current, patch, type === "strategic") as ApiObject);
      },
      delete: async (ref: ResourceRef, namespace: string | undefined, name: string, options: { preconditions?: { uid?: string } } = {}) => {
        const current = this.get(ref, namespace, name);
        if (!current) throw failure(404, "NotFound", `${ref.resource} "${name}" not found`);
        if (options.preconditions?.uid !== undefined && options.preconditions.uid !== current.metadata?.uid) throw failure(409, "Conflict", "Precondition failed: UID");
        this.writes.push(`delete ${ref.resource} ${namespace}/${name}`);
        this.remove(ref, namespace, name);
        return {};
      },
      create: async (_ref: ResourceRef, _namespace: string | undefined, object: Json) => {
        this.events.push(object);
        return object;
      },
    };
    return { client: client as unknown as RestClient, informer, log };
  }
}
