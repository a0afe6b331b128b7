import type { Pod } from "../../../src/api/core/v1/pod.js";
import type { EventRecorder } from "../../../src/client/events/event-recorder.js";
import type { Logger } from "../../../src/log.js";
import { RuntimeNotFoundError, type ContainerRuntime } from "../../runtime/container-runtime.js";
import type { ContainerProbes, PodResources } from "../pod-dependencies.js";
import type { StatusManager } from "../status/status-manager.js";
import type { PodStatusWriter } from "../status/status-writer.js";
import type { ContainerKiller } from "./container-killer.js";
import type { ContainerStarter } from "./container-starter.js";
import type { ImagePuller } from "./image-puller.js";
import { PodEvents } from "./pod-events.js";
import type { PodRuntimeState } from "./pod-runtime-state.js";
import type { PodSyncer } from "./pod-sync.js";

export interface PodTerminationDeps {
  runtime: ContainerRuntime;
  resources: PodResources;
  probes: ContainerProbes;
  recorder: EventRecorder;
  killer: ContainerKiller;
  syncer: PodSyncer;
  starter: ContainerStarter;
  images: ImagePuller;
  statuses: StatusManager;
  writer: PodStatusWriter;
  log: Logger;
  /** The grace given to containers of a pod the agent no longer knows (deleted while it was down, force-deleted). */
  orphanGracePeriodSeconds: number;
}

/**
 * The end of a pod on this node. A pod being deleted: preStop hooks and
 * SIGTERM within its grace period, then its sandbox and containers go, its
 * volumes are released and the deletion is finished on the server
 * (gracePeriodSeconds 0, precondition on the uid). A pod the server no
 * longer has: the same, without hooks, and nothing to tell the server.
 */
export class PodTerminator {
  /**
   * Pods whose deletion this agent finished: until the informer sees them go,
   * they are not deleted again (the node may no longer read or delete them).
   */
  private readonly finished = new Set<string>();

  constructor(private readonly deps: PodTerminationDeps) {}

  async terminate(pod: Pod, state: PodRuntimeState): Promise<void> {
    const { deps } = this;
    const uid = pod.metadata.uid ?? "";
    if (this.finished.has(uid)) return;
    await deps.killer.killAll(pod, deps.syncer.killRequests(pod, state), new PodEvents(deps.recorder, pod));
    await this.removeAll(uid, state);
    await deps.writer.finishDeletion({ namespace: pod.metadata.namespace ?? "", name: pod.metadata.name ?? "", uid });
    this.finished.add(uid);
    deps.log.info({ pod: `${pod.metadata.namespace}/${pod.metadata.name}`, uid }, "pod terminated; deletion finished");
  }

  async removeOrphan(uid: string, state: PodRuntimeState): Promise<void> {
    const { deps } = this;
    this.finished.delete(uid);
    const running = state.containers.filter((c) => c.state === "running");
    await deps.killer.killAll(
      undefined,
      running.map((container) => ({ container, message: `Stopping container ${container.name}`, gracePeriodSeconds: deps.orphanGracePeriodSeconds })),
      undefined,
    );
    await this.removeAll(uid, state);
    if (state.sandboxes.length + state.containers.length > 0) deps.log.info({ uid }, "removed the containers of a pod this node no longer has");
  }

  private async removeAll(uid: string, state: PodRuntimeState): Promise<void> {
    const { deps } = this;
    deps.probes.forget(uid);
    for (const sandbox of state.sandboxes) await deps.runtime.stopPodSandbox(sandbox.id);
    for (const container of state.containers) {
      try {
        await deps.runtime.removeContainer(container.id);
      } catch (error) {
        if (!(error instanceof RuntimeNotFoundError)) throw error;
      }
    }
    for (const sandbox of state.sandboxes) await deps.runtime.removePodSandbox(sandbox.id);
    await deps.resources.release(uid);
    deps.statuses.forget(uid);
    deps.starter.forget(uid);
    deps.images.forget(uid);
  }
}
