import type { Pod } from "../../../src/api/core/v1/pod.js";
import type { Volume } from "../../../src/api/core/v1/volume.js";
import { quantityFrom, quantityOf } from "../config/quantities.js";

/**
 * The size of a memory-backed emptyDir (a tmpfs), as the kubelet sizes it:
 * the smallest of the node's allocatable memory, the pod's memory limit
 * (when every container has one) and the volume's sizeLimit. Undefined when
 * none is known: Docker's default (half the host's memory) then applies.
 */
export function emptyDirMemoryBytes(pod: Pod, volume: Volume, allocatableMemoryBytes: number | undefined): number | undefined {
  let size = allocatableMemoryBytes;
  const atMost = (candidate: number | undefined): void => {
    if (candidate !== undefined && candidate > 0 && (size === undefined || candidate <= size)) size = candidate;
  };
  atMost(podMemoryLimitBytes(pod));
  const sizeLimit = volume.emptyDir?.sizeLimit;
  if (sizeLimit !== undefined) atMost(Number(quantityFrom("sizeLimit", sizeLimit).value()));
  return size;
}

/**
 * The pod's memory limit as its cgroup would have it: the larger of the
 * containers' sum and the biggest init container, only when every one of
 * them has a limit.
 */
function podMemoryLimitBytes(pod: Pod): number | undefined {
  const limitOf = (limits: Record<string, string> | undefined): bigint | undefined => {
    const limit = quantityOf(limits, "memory")?.value();
    return limit !== undefined && limit > 0n ? limit : undefined;
  };
  let sum = 0n;
  for (const container of pod.spec.containers) {
    const limit = limitOf(container.resources?.limits);
    if (limit === undefined) return undefined;
    sum += limit;
  }
  let largestInit = 0n;
  for (const container of pod.spec.initContainers ?? []) {
    const limit = limitOf(container.resources?.limits);
    if (limit === undefined) return undefined;
    if (limit > largestInit) largestInit = limit;
  }
  const limit = sum > largestInit ? sum : largestInit;
  return limit > 0n ? Number(limit) : undefined;
}
