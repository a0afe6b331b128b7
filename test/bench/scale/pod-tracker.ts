import type { Pod } from "../../../src/api/core/v1/pod.js";
import type { ResourceRef } from "../../../src/client/rest/paths.js";
import type { ApiObject, RestClient } from "../../../src/client/rest/rest-client.js";
import { watch } from "../../../src/client/watch/watch.js";

const podsRef: ResourceRef = { group: "", version: "v1", resource: "pods", namespaced: true };

/** When a watch first saw each pod created, bound to a node, and Running (performance.now() ms). */
export interface PodTimes {
  createdAt: Map<string, number>;
  boundAt: Map<string, number>;
  runningAt: Map<string, number>;
}

/**
 * Watches the namespace's pods from now on and notes, per pod uid, when
 * it first appeared, first had spec.nodeName, and first was Running.
 * `untilRunning(n)` resolves true once n pods were seen Running (false
 * when its time is up first). A watch that
 * ends or fails is started again from a fresh list (pods already seen keep
 * their first times).
 */
export class PodTracker {
  readonly times: PodTimes = { createdAt: new Map(), boundAt: new Map(), runningAt: new Map() };
  private readonly stopped = new AbortController();
  private waiting: { count: number; resolve: () => void } | undefined;
  private readonly loop: Promise<void>;

  private constructor(
    private readonly client: RestClient,
    private readonly namespace: string,
    resourceVersion: string,
  ) {
    this.loop = this.run(resourceVersion);
  }

  /** Starts watching after the namespace's current state. */
  static async start(client: RestClient, namespace: string): Promise<PodTracker> {
    const list = await client.list(podsRef, namespace, { limit: 1 });
    return new PodTracker(client, namespace, list.metadata.resourceVersion ?? "");
  }

  /** True once `count` pods were seen Running; false when `limitMs` passed first. */
  untilRunning(count: number, limitMs: number): Promise<boolean> {
    if (this.times.runningAt.size >= count) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting = undefined;
        resolve(false);
      }, limitMs);
      this.waiting = {
        count,
        resolve: () => {
          clearTimeout(timer);
          resolve(true);
        },
      };
    });
  }

  /** How many pods were seen created, bound and Running so far. */
  progress(): string {
    const { createdAt, boundAt, runningAt } = this.times;
    return `${createdAt.size} created, ${boundAt.size} bound, ${runningAt.size} Running`;
  }

  async stop(): Promise<void> {
    this.stopped.abort();
    await this.loop;
  }

  private async run(resourceVersion: string): Promise<void> {
    const signal = this.stopped.signal;
    let from = resourceVersion;
    while (!signal.aborted) {
      try {
        for await (const event of watch<Pod & ApiObject>(this.client, podsRef, this.namespace, { resourceVersion: from, signal })) {
          if (event.type === "BOOKMARK" || event.type === "DELETED") continue;
          this.see(event.object, performance.now());
        }
      } catch (error) {
        if (signal.aborted) return;
        console.error(`the pods watch ended (${(error as Error).message}); listing again`);
      }
      if (signal.aborted) return;
      const list = await this.client.list<Pod & ApiObject>(podsRef, this.namespace).catch(() => undefined);
      if (!list) continue;
      const now = performance.now();
      for (const pod of list.items) this.see(pod, now);
      from = list.metadata.resourceVersion ?? "";
    }
  }

  private see(pod: Pod, now: number): void {
    const uid = pod.metadata?.uid ?? "";
    const { createdAt, boundAt, runningAt } = this.times;
    if (!createdAt.has(uid)) createdAt.set(uid, now);
    if (pod.spec?.nodeName && !boundAt.has(uid)) boundAt.set(uid, now);
    if (pod.status?.phase === "Running" && !runningAt.has(uid)) {
      runningAt.set(uid, now);
      if (this.waiting && runningAt.size >= this.waiting.count) {
        this.waiting.resolve();
        this.waiting = undefined;
      }
    }
  }
}
