import { chmod, chown, mkdir, rm } from "node:fs/promises";
import type { Pod } from "../../../src/api/core/v1/pod.js";
import type { Volume } from "../../../src/api/core/v1/volume.js";
import type { ResourceList } from "../../../src/api/schema/primitives.js";
import type { Clock } from "../../../src/clock.js";
import type { Logger } from "../../../src/log.js";
import { configMapNotFound, secretNotFound } from "../config/object-refs.js";
import { VolumeSetupError, type ObjectSource } from "../pod-dependencies.js";
import { writePayloadAtomically } from "./atomic-writer.js";
import { downwardAPIPayload } from "./downward-api.js";
import { checkHostPathType } from "./host-path.js";
import { configMapPayload, secretPayload, type Payload } from "./payload.js";
import { projectedPayload } from "./projected.js";
import type { PodTokenSource } from "./service-account-tokens.js";
import { UnsupportedVolumeError } from "./volume-location.js";
import { podDir, volumeDir, volumeSourceName, type LocalVolumeKind } from "./volume-paths.js";

export interface PodVolumesOptions {
  /** The agent's data directory; pods' volumes go under `<root>/pods/`. */
  root: string;
  objects: ObjectSource;
  clock: Clock;
  log: Logger;
  /** The node's allocatable, for downward API limits a container does not set. */
  allocatable?: ResourceList;
  /** The pods' bound ServiceAccount tokens (projected serviceAccountToken sources). */
  tokens: PodTokenSource;
}

/**
 * A pod's volumes on the node's disk: emptyDir directories, configMap,
 * secret, downwardAPI and projected files (written atomically, refreshed
 * on every `prepare`; projected ServiceAccount tokens are renewed as they
 * near their expiry), hostPath type checks; the pod's fsGroup owns the
 * volumes the agent makes. Memory-backed emptyDirs are
 * tmpfs mounts Docker makes per container, so nothing is made for them here.
 * Calls for one pod run one at a time.
 */
export class PodVolumes {
  private readonly pending = new Map<string, Promise<unknown>>();
  /**
   * emptyDir and hostPath volumes set up once (`uid/name/source`): like the kubelet,
   * a mounted one is not checked again, so a hostPath socket that goes away
   * for a while does not fail a running pod, and a container's chmod of its
   * emptyDir stays.
   */
  private readonly setUpOnce = new Set<string>();

  constructor(private readonly options: PodVolumesOptions) {}

  /** Sets up every volume; throws the first failure as a VolumeSetupError after trying them all. */
  prepare(pod: Pod): Promise<void> {
    const uid = pod.metadata.uid ?? "";
    return this.serialized(uid, async () => {
      await mkdir(podDir(this.options.root, uid), { recursive: true, mode: 0o750 });
      let failure: VolumeSetupError | undefined;
      for (const volume of pod.spec.volumes ?? []) {
        try {
          await this.setUp(pod, volume);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          failure ??= new VolumeSetupError(volume.name, `MountVolume.SetUp failed for volume "${volume.name}" : ${message}`);
        }
      }
      if (failure) throw failure;
    });
  }

  /** Removes the pod's directory and everything in it. */
  release(podUid: string): Promise<void> {
    return this.serialized(podUid, async () => {
      this.options.tokens.forget(podUid);
      for (const key of this.setUpOnce) if (key.startsWith(`${podUid}/`)) this.setUpOnce.delete(key);
      await rm(podDir(this.options.root, podUid), { recursive: true, force: true });
    });
  }

  private async setUp(pod: Pod, volume: Volume): Promise<void> {
    const { objects, allocatable, tokens } = this.options;
    const namespace = pod.metadata.namespace ?? "";
    const source = volumeSourceName(volume);
    // A pod's volumes never change; the source in the key keeps the record true to what was checked anyway.
    const onceKey = `${pod.metadata.uid ?? ""}/${volume.name}/${JSON.stringify(source ? volume[source] : null)}`;
    switch (source) {
      case "emptyDir": {
        const medium = volume.emptyDir?.medium ?? "";
        if (medium === "Memory" || this.setUpOnce.has(onceKey)) return;
        if (medium !== "") throw new Error(`skiff does not support emptyDir medium ${JSON.stringify(medium)}`);
        const dir = this.dir(pod, "emptyDir", volume);
        await mkdir(dir, { recursive: true });
        // Any user a container runs as may write to it, as in Kubernetes; an fsGroup owns it, setgid.
        const fsGroup = pod.spec.securityContext?.fsGroup;
        if (fsGroup !== undefined) await chown(dir, -1, fsGroup);
        await chmod(dir, fsGroup === undefined ? 0o777 : 0o2777);
        this.setUpOnce.add(onceKey);
        return;
      }
      case "hostPath":
        if (this.setUpOnce.has(onceKey)) return;
        await checkHostPathType(volume.hostPath?.path ?? "", volume.hostPath?.type);
        this.setUpOnce.add(onceKey);
        return;
      case "configMap": {
        const { name = "", items, defaultMode, optional = false } = volume.configMap ?? {};
        const configMap = objects.configMap(namespace, name);
        if (!configMap && !optional) throw new Error(configMapNotFound(name));
        return this.write(pod, "configMap", volume, configMapPayload(configMap, items, defaultMode, optional));
      }
      case "secret": {
        const { secretName = "", items, defaultMode, optional = false } = volume.secret ?? {};
        const secret = objects.secret(namespace, secretName);
        if (!secret && !optional) throw new Error(secretNotFound(secretName));
        return this.write(pod, "secret", volume, secretPayload(secret, items, defaultMode, optional));
      }
      case "downwardAPI": {
        const { items, defaultMode } = volume.downwardAPI ?? {};
        return this.write(pod, "downwardAPI", volume, downwardAPIPayload(pod, items, defaultMode, allocatable));
      }
      case "projected": {
        const payload = await projectedPayload(pod, volume.projected ?? {}, objects, allocatable, tokens);
        return this.write(pod, "projected", volume, payload);
      }
      default:
        throw new UnsupportedVolumeError(source);
    }
  }

  private dir(pod: Pod, kind: LocalVolumeKind, volume: Volume): string {
    return volumeDir(this.options.root, pod.metadata.uid ?? "", kind, volume.name);
  }

  private async write(pod: Pod, kind: LocalVolumeKind, volume: Volume, payload: Payload): Promise<void> {
    const dir = this.dir(pod, kind, volume);
    const fsGroup = pod.spec.securityContext?.fsGroup;
    if (await writePayloadAtomically(dir, payload, new Date(this.options.clock.now()), fsGroup)) {
      this.options.log.debug({ pod: pod.metadata.name, volume: volume.name, files: payload.size }, "volume files written");
    }
  }

  /** Runs `task` after every earlier task of the same pod, whatever their outcome. */
  private serialized<T>(podUid: string, task: () => Promise<T>): Promise<T> {
    const previous = this.pending.get(podUid) ?? Promise.resolve();
    const next = previous.then(task, task);
    const settled = next.catch(() => undefined);
    this.pending.set(podUid, settled);
    void settled.then(() => {
      if (this.pending.get(podUid) === settled) this.pending.delete(podUid);
    });
    return next;
  }
}
