import type { EventRecorder } from "../../../src/client/events/event-recorder.js";
import { ExponentialFailureRateLimiter } from "../../../src/client/workqueue/exponential-failure-rate-limiter.js";
import { RateLimitingQueue } from "../../../src/client/workqueue/rate-limiting-queue.js";
import { logSyncError, runWorkers } from "../../../src/client/workqueue/run-workers.js";
import { sleep, type Clock } from "../../../src/clock.js";
import type { Logger } from "../../../src/log.js";
import type { ContainerRuntime } from "../../runtime/container-runtime.js";
import type { ContainerProbes, PodResources } from "../pod-dependencies.js";
import { StatusManager } from "../status/status-manager.js";
import type { PodStatusWriter } from "../status/status-writer.js";
import { ContainerKiller } from "./container-killer.js";
import { ContainerStarter } from "./container-starter.js";
import { ImagePuller } from "./image-puller.js";
import type { LifecycleHooks } from "../lifecycle/lifecycle-hooks.js";
import { podRuntimeState } from "./pod-runtime-state.js";
import type { PodSource } from "./pod-source.js";
import { PodSyncer } from "./pod-sync.js";
import { PodTerminator } from "./pod-termination.js";
import type { SandboxSettings } from "./sandbox-config.js";

export interface PodWorkersOptions {
  runtime: ContainerRuntime;
  resources: PodResources;
  probes: ContainerProbes;
  recorder: EventRecorder;
  hooks: LifecycleHooks;
  pods: PodSource;
  writer: PodStatusWriter;
  clock: Clock;
  log: Logger;
  nodeName: string;
  hostIP: string;
  sandbox: SandboxSettings;
  /** The containerID prefix, e.g. `docker`. */
  runtimeName: string;
  /** How often the runtime is listed to notice changes its events missed (the kubelet's PLEG relist). Default 5 s. */
  relistIntervalMs?: number;
  /** How often every pod is synced regardless. Default 60 s. */
  resyncIntervalMs?: number;
  /** When a pod whose volumes or container config failed is tried again. Default 5 s. */
  retryIntervalMs?: number;
  /** Pods synced at once (one pod never twice at once). Default 16: the kubelet gives every pod a worker of its own; the engine is the bound. */
  workers?: number;
  /** Default 2 s. */
  orphanGracePeriodSeconds?: number;
}

/**
 * The kubelet's pod workers: a work queue of pod uids fed by the pod
 * informer, the runtime's container events, the probes and a periodic
 * relist of the runtime, and a level-triggered sync of each uid that
 * makes the runtime match the pod: run it, terminate it, or remove what is
 * left of a pod the server no longer has.
 */
export class PodWorkers {
  readonly statuses: StatusManager;
  private readonly queue: RateLimitingQueue<string>;
  private readonly syncer: PodSyncer;
  private readonly terminator: PodTerminator;
  /** What the last relist saw of each pod (ids and states), to queue only the pods that changed. */
  private seen = new Map<string, string>();

  constructor(private readonly options: PodWorkersOptions) {
    const { runtime, resources, probes, recorder, hooks, clock, log } = options;
    const retryIntervalMs = options.retryIntervalMs ?? 5_000;
    // A failed sync (the engine unreachable, the server refusing) is retried soon: at most every 30 s.
    this.queue = new RateLimitingQueue<string>({ clock, rateLimiter: new ExponentialFailureRateLimiter<string>({ baseMs: 200, maxMs: 30_000 }) });
    this.statuses = new StatusManager(options.writer, log.child({ component: "status-manager" }), clock);
    const images = new ImagePuller(runtime, clock, log);
    const killer = new ContainerKiller(runtime, hooks, clock, log);
    const starter = new ContainerStarter({ runtime, resources, hooks, images, killer, clock, log, nodeName: options.nodeName, hostIP: options.hostIP, retryIntervalMs });
    this.syncer = new PodSyncer({
      runtime,
      resources,
      probes,
      recorder,
      starter,
      killer,
      statuses: this.statuses,
      clock,
      log,
      hostIP: options.hostIP,
      sandbox: options.sandbox,
      runtimeName: options.runtimeName,
      retryIntervalMs,
    });
    this.terminator = new PodTerminator({
      runtime,
      resources,
      probes,
      recorder,
      killer,
      syncer: this.syncer,
      starter,
      images,
      statuses: this.statuses,
      writer: options.writer,
      log,
      orphanGracePeriodSeconds: options.orphanGracePeriodSeconds ?? 2,
    });
  }

  /**
   * Syncs pods until `signal` aborts. Call it once the pod informer has
   * listed: a pod the source does not have is treated as deleted.
   */
  async run(signal: AbortSignal): Promise<void> {
    const { pods, runtime, probes, log } = this.options;
    const unsubscribe = [
      pods.onChange((uid) => this.queue.add(uid)),
      runtime.onContainerEvent((event) => this.queue.add(event.pod.uid)),
      probes.onChange((uid) => this.queue.add(uid)),
    ];
    try {
      // The first relist queues what runs (adopted, or left by pods deleted meanwhile); the pods are queued too.
      await this.relist().catch((error: unknown) => log.warn({ err: error }, "listing the runtime failed"));
      this.resyncAll();
      await Promise.all([
        runWorkers({ queue: this.queue, workers: this.options.workers ?? 16, signal, sync: (uid) => this.sync(uid), onError: logSyncError(log, this.queue) }),
        this.statuses.run(signal),
        this.every(this.options.relistIntervalMs ?? 5_000, signal, () => this.relist()),
        this.every(this.options.resyncIntervalMs ?? 60_000, signal, async () => this.resyncAll()),
      ]);
    } finally {
      for (const stop of unsubscribe) stop();
    }
  }

  /** Queues every pod of the node, e.g. when a ConfigMap or Secret pods may need changed. */
  resyncAll(): void {
    for (const pod of this.options.pods.list()) if (pod.metadata.uid) this.queue.add(pod.metadata.uid);
  }

  /** Makes the runtime match one pod; throws to be retried with back-off. */
  async sync(uid: string): Promise<void> {
    const pod = this.options.pods.get(uid);
    const state = await podRuntimeState(this.options.runtime, uid);
    if (!pod) {
      await this.terminator.removeOrphan(uid, state);
      return;
    }
    if (pod.metadata.deletionTimestamp) {
      await this.terminator.terminate(pod, state);
      return;
    }
    const { retryAfterMs } = await this.syncer.sync(pod, state);
    if (retryAfterMs !== undefined) this.queue.addAfter(uid, Math.max(retryAfterMs, 1));
  }

  /** Lists the whole runtime and queues each pod whose sandboxes or containers changed since the last list. */
  private async relist(): Promise<void> {
    const { runtime } = this.options;
    const [sandboxes, containers] = await Promise.all([runtime.listPodSandboxes(), runtime.listContainers()]);
    const parts = new Map<string, string[]>();
    for (const item of [...sandboxes, ...containers]) {
      const list = parts.get(item.pod.uid) ?? [];
      list.push(`${item.id}:${item.state}`);
      parts.set(item.pod.uid, list);
    }
    const now = new Map([...parts].map(([uid, list]) => [uid, list.sort().join(",")]));
    for (const uid of new Set([...now.keys(), ...this.seen.keys()])) {
      if (now.get(uid) !== this.seen.get(uid)) this.queue.add(uid);
    }
    this.seen = now;
  }

  private async every(ms: number, signal: AbortSignal, task: () => Promise<void>): Promise<void> {
    while (!signal.aborted) {
      await sleep(this.options.clock, ms, signal);
      if (signal.aborted) return;
      try {
        await task();
      } catch (error) {
        this.options.log.warn({ err: error }, "periodic pod check failed");
      }
    }
  }
}
