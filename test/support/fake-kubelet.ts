import type { ResourceRef } from "../../src/client/rest/paths.js";
import { resourceInformer } from "../../src/client/informer/resource-informer.js";
import { isNotFound, type ApiObject, type RestClient } from "../../src/client/rest/rest-client.js";
import { createLogger } from "../../src/log.js";

const podsRef: ResourceRef = { group: "", version: "v1", resource: "pods", namespaced: true };

interface PodLike extends ApiObject {
  status?: { phase?: string; conditions?: Array<{ type: string; status: string }> };
}

export const isReady = (pod: PodLike): boolean => pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") === true;

/** Reports the pod Running and Ready (Ready since now) through `/status`, as a kubelet would once its containers are up. */
export async function markPodReady(client: RestClient, namespace: string, name: string): Promise<void> {
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
  const status = {
    phase: "Running",
    conditions: [
      { type: "Ready", status: "True", lastTransitionTime: now },
      { type: "ContainersReady", status: "True", lastTransitionTime: now },
    ],
  };
  try {
    await client.patch(podsRef, namespace, name, "merge", { status }, { subresource: "status" });
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}

export interface FakeKubelet {
  stop(): Promise<void>;
}

/**
 * A stand-in for the agents of a test without any: every pod of the
 * namespace that `accept` takes is reported Running and Ready `delayMs`
 * after it appears, so controllers see pods come up one by one.
 */
export function startFakeKubelet(client: RestClient, namespace: string, options: { delayMs?: number; accept?: (pod: PodLike) => boolean } = {}): FakeKubelet {
  const abort = new AbortController();
  const informer = resourceInformer<PodLike>(client, podsRef, namespace, { log: createLogger("silent") });
  const pending = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  const consider = (pod: PodLike): void => {
    const name = pod.metadata?.name ?? "";
    if (isReady(pod) || pod.metadata?.deletionTimestamp !== undefined || pending.has(name)) return;
    if (options.accept !== undefined && !options.accept(pod)) return;
    pending.add(name);
    const timer = setTimeout(() => {
      timers.delete(timer);
      void markPodReady(client, namespace, name)
        .catch(() => undefined)
        .finally(() => pending.delete(name));
    }, options.delayMs ?? 0);
    timers.add(timer);
  };
  informer.addEventHandler({ onAdd: consider, onUpdate: (_old, pod) => consider(pod) });
  const running = informer.run(abort.signal);
  return {
    async stop() {
      abort.abort();
      for (const timer of timers) clearTimeout(timer);
      await running;
    },
  };
}
