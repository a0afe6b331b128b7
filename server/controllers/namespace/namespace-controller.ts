import { NAMESPACE_FINALIZER, type Namespace } from "../../../src/api/core/v1/namespace.js";
import { servedKinds } from "../../../src/api/registry.js";
import { runController } from "../../../src/client/controller/run-controller.js";
import type { ResourceRef } from "../../../src/client/rest/paths.js";
import { isNotFound, type ApiObject } from "../../../src/client/rest/rest-client.js";
import { RateLimitingQueue } from "../../../src/client/workqueue/index.js";
import { realClock, type Clock } from "../../../src/clock.js";
import type { Controller, ControllerContext } from "../controller.js";
import { deleteContent, type NamespacedResource } from "./content-deleter.js";
import { conditionsAfter, mergeConditions, type NamespaceCondition } from "./namespace-conditions.js";
import { restContentApi } from "./rest-content-api.js";

const namespacesRef: ResourceRef = { group: "", version: "v1", resource: "namespaces", namespaced: false };

type NamespaceObject = ApiObject & Pick<Namespace, "spec" | "status"> & { metadata: { name?: string; deletionTimestamp?: string } };

export interface NamespaceControllerOptions {
  clock?: Clock;
  /** Longest wait before looking again at content that is still going (default 5 s). */
  maxPollMs?: number;
}

/** Every served namespaced resource, as Kubernetes' deleter finds them by discovery. */
function servedNamespacedResources(): NamespacedResource[] {
  return servedKinds
    .filter((info) => info.namespaced)
    .map((info) => ({ ref: { group: info.group, version: info.version, resource: info.resource, namespaced: true }, label: `${info.resource}.${info.group}` }));
}

/**
 * Kubernetes' namespace controller: a deleted namespace (Terminating, with
 * the `kubernetes` finalizer in spec.finalizers) has all its content
 * deleted; the namespace's deletion conditions say what is left and why;
 * once nothing is left the `kubernetes` finalizer is removed through
 * `/finalize` and the namespace goes. Content that takes time (a pod its
 * node is stopping, objects waiting for finalizers) is looked at again
 * after its grace period, or sooner, in growing steps up to `maxPollMs`.
 * A pod bound to a node that never stops it holds the namespace, as in
 * Kubernetes, until it is force-deleted.
 */
export function namespaceController(options: NamespaceControllerOptions = {}): Controller {
  const clock = options.clock ?? realClock;
  const maxPollMs = options.maxPollMs ?? 5_000;
  const resources = servedNamespacedResources();
  return {
    name: "namespace",
    async run({ client, informer, log }: ControllerContext, signal: AbortSignal): Promise<void> {
      const namespaces = informer<NamespaceObject>(namespacesRef);
      const queue = new RateLimitingQueue<string>({ clock });
      const waits = new Map<string, number>();
      const enqueueIfDeleting = (ns: NamespaceObject): void => {
        if (ns.metadata.deletionTimestamp !== undefined) queue.add(ns.metadata.name ?? "");
      };
      namespaces.addEventHandler({
        onAdd: enqueueIfDeleting,
        // Only the start of a deletion: the controller's own status writes must not set off another pass.
        onUpdate: (old, ns) => {
          if (old.metadata.deletionTimestamp === undefined) enqueueIfDeleting(ns);
        },
        onDelete: (ns) => void waits.delete(ns.metadata.name ?? ""),
      });
      const content = restContentApi(client);
      await runController({
        informers: [namespaces],
        queue,
        workers: 2,
        log,
        signal,
        sync: async (name) => {
          const cached = namespaces.lister.get(undefined, name);
          if (cached?.metadata.deletionTimestamp === undefined || !(cached.spec?.finalizers ?? []).includes(NAMESPACE_FINALIZER)) return;
          const pass = await deleteContent(content, resources, name, clock.now());
          const next = conditionsAfter(pass);
          await writeConditions(name, next);
          if (pass.errors.length > 0) throw new Error(`deleting the content of namespace ${name}: ${pass.errors.join("; ")}`);
          if (pass.remaining.size > 0) {
            const round = (waits.get(name) ?? 0) + 1;
            waits.set(name, round);
            const backoff = Math.min(maxPollMs, 250 * 2 ** round);
            queue.addAfter(name, Math.min(maxPollMs, Math.max(backoff, pass.estimateMs)));
            return;
          }
          waits.delete(name);
          await finalize(name);
          log.info({ namespace: name }, "namespace emptied: removed the kubernetes finalizer");
        },
      });

      /** Writes the deletion conditions when they changed (a conflict retries the sync). */
      async function writeConditions(name: string, next: NamespaceCondition[]): Promise<void> {
        const live = await client.get<NamespaceObject>(namespacesRef, undefined, name).catch((error: unknown) => {
          if (isNotFound(error)) return undefined;
          throw error;
        });
        if (live === undefined) return;
        const current = (live.status?.conditions ?? []) as NamespaceCondition[];
        const merged = mergeConditions(current, next, new Date(clock.now()).toISOString().replace(/\.\d{3}Z$/, "Z"));
        if (!merged.changed) return;
        const status = { ...live.status, phase: "Terminating", conditions: merged.conditions };
        await client.update(namespacesRef, undefined, { ...live, status }, { subresource: "status" });
      }

      async function finalize(name: string): Promise<void> {
        try {
          const live = await client.get<NamespaceObject>(namespacesRef, undefined, name);
          const finalizers = (live.spec?.finalizers ?? []).filter((f) => f !== NAMESPACE_FINALIZER);
          await client.update(namespacesRef, undefined, { ...live, spec: { ...live.spec, finalizers } }, { subresource: "finalize" });
        } catch (error) {
          if (!isNotFound(error)) throw error;
        }
      }
    },
  };
}
