import type { Pod } from "../../../src/api/core/v1/pod.js";
import type { Volume } from "../../../src/api/core/v1/volume.js";
import type { ResourceList } from "../../../src/api/schema/primitives.js";
import { quantityOf } from "../config/quantities.js";
import { emptyDirMemoryBytes } from "./memory-size.js";
import { volumeDir, volumeSourceName } from "./volume-paths.js";

/** Where a container finds a volume: a directory on the node, or a tmpfs Docker makes. */
export type VolumeLocation = { type: "directory"; hostPath: string; readOnly: boolean } | { type: "tmpfs"; sizeBytes?: number };

/**
 * The location of one of the pod's volumes. ConfigMap, Secret, downwardAPI
 * and projected volumes are always mounted read-only, as the kubelet
 * mounts them. Throws an Error for volume types skiff does not run.
 */
export function volumeLocation(root: string, pod: Pod, volume: Volume, allocatable: ResourceList | undefined): VolumeLocation {
  const uid = pod.metadata.uid ?? "";
  const source = volumeSourceName(volume);
  switch (source) {
    case "emptyDir":
      if (volume.emptyDir?.medium === "Memory") {
        const allocatableMemory = quantityOf(allocatable, "memory")?.value();
        const sizeBytes = emptyDirMemoryBytes(pod, volume, allocatableMemory === undefined ? undefined : Number(allocatableMemory));
        return sizeBytes === undefined ? { type: "tmpfs" } : { type: "tmpfs", sizeBytes };
      }
      return { type: "directory", hostPath: volumeDir(root, uid, "emptyDir", volume.name), readOnly: false };
    case "hostPath":
      return { type: "directory", hostPath: volume.hostPath?.path ?? "", readOnly: false };
    case "configMap":
    case "secret":
    case "downwardAPI":
    case "projected":
      return { type: "directory", hostPath: volumeDir(root, uid, source, volume.name), readOnly: true };
    default:
      throw new UnsupportedVolumeError(source);
  }
}

/** A volume type skiff does not run (persistentVolumeClaim, nfs, csi, image), or a volume with no source. */
export class UnsupportedVolumeError extends Error {
  constructor(source: string | undefined) {
    super(source ? `skiff does not support ${source} volumes` : "the volume names no source");
    this.name = "UnsupportedVolumeError";
  }
}
