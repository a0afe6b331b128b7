import { parseQuantityValue } from "../../quantity.js";
import type { PodSpec } from "./pod-spec.js";

export type QosClass = "Guaranteed" | "Burstable" | "BestEffort";

const computeResources = ["cpu", "memory"] as const;

function amount(list: Record<string, unknown> | undefined, name: string): ReturnType<typeof parseQuantityValue> | undefined {
  const value = list?.[name];
  return value === undefined ? undefined : parseQuantityValue(value);
}

/**
 * A pod's quality-of-service class, as Kubernetes computes it from its
 * containers' cpu and memory: BestEffort when none sets a request or limit,
 * Guaranteed when every container limits both and requests (where set)
 * equal the limits, Burstable otherwise.
 */
export function podQosClass(spec: Pick<PodSpec, "containers" | "initContainers">): QosClass {
  const containers = [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
  let anySet = false;
  let guaranteed = true;
  for (const container of containers) {
    const requests = container.resources?.requests as Record<string, unknown> | undefined;
    const limits = container.resources?.limits as Record<string, unknown> | undefined;
    for (const name of computeResources) {
      const request = amount(requests, name);
      const limit = amount(limits, name);
      const requestSet = request?.ok === true && !request.value.isZero();
      const limitSet = limit?.ok === true && !limit.value.isZero();
      if (requestSet || limitSet) anySet = true;
      if (!limitSet) guaranteed = false;
      else if (requestSet && request?.ok && limit?.ok && !request.value.equals(limit.value)) guaranteed = false;
    }
  }
  if (!anySet) return "BestEffort";
  return guaranteed ? "Guaranteed" : "Burstable";
}
