import type { Container, VolumeMount } from "../../../src/api/core/v1/container.js";
import type { Pod } from "../../../src/api/core/v1/pod.js";
import type { ResourceList } from "../../../src/api/schema/primitives.js";
import type { ContainerConfig, Mount } from "../../runtime/container-runtime.js";
import { ContainerConfigError } from "../pod-dependencies.js";
import { volumeLocation } from "../volumes/volume-location.js";
import { expand } from "./expansion.js";
import { subPathHostPath } from "./sub-path.js";

export interface ContainerMounts {
  mounts: Mount[];
  tmpfs: ContainerConfig["tmpfs"];
}

/**
 * A container's volumeMounts as bind mounts of the volumes' host paths
 * (subPath resolved inside the volume) and tmpfs mounts for memory-backed
 * emptyDirs. `env` is the container's environment, for subPathExpr.
 * Throws ContainerConfigError with the kubelet's messages.
 */
export function containerMounts(
  pod: Pod,
  container: Container,
  env: ReadonlyArray<{ name: string; value: string }>,
  root: string,
  allocatable: ResourceList | undefined,
): ContainerMounts {
  const result: ContainerMounts = { mounts: [], tmpfs: [] };
  const envMap = new Map(env.map((e) => [e.name, e.value]));
  for (const mount of container.volumeMounts ?? []) {
    const volume = pod.spec.volumes?.find((v) => v.name === mount.name);
    if (!volume) throw new ContainerConfigError(`cannot find volume "${mount.name}" to mount into container "${container.name}"`);
    const location = volumeLocation(root, pod, volume, allocatable);
    const subPath = subPathOf(mount, envMap);
    if (location.type === "tmpfs") {
      // Docker makes a tmpfs per container: there is no shared directory to take a subPath of.
      if (subPath) throw new ContainerConfigError(`subPath is not supported on emptyDir volume "${mount.name}" with medium Memory`);
      const { sizeBytes } = location;
      result.tmpfs.push(sizeBytes === undefined ? { containerPath: mount.mountPath } : { containerPath: mount.mountPath, sizeBytes });
      continue;
    }
    const hostPath = subPath ? subPathHostPath(location.hostPath, subPath, mount.name, container.name) : location.hostPath;
    result.mounts.push({ hostPath, containerPath: mount.mountPath, readOnly: mount.readOnly === true || location.readOnly });
  }
  return result;
}

/** subPath, or subPathExpr expanded with the container's env (every variable it names must have a value). */
function subPathOf(mount: VolumeMount, env: ReadonlyMap<string, string>): string {
  if (!mount.subPathExpr) return mount.subPath ?? "";
  const missing = new Set<string>();
  const expanded = expand(mount.subPathExpr, (name) => {
    const value = env.get(name);
    if (!value) missing.add(name);
    return value ?? "";
  });
  if (missing.size > 0) throw new ContainerConfigError(`missing value for ${[...missing].sort().join(", ")}`);
  return expanded;
}
