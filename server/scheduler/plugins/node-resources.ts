import type { FilterPlugin, ScorePlugin } from "../framework.js";
import { maxNodeScore } from "../framework.js";

/**
 * NodeResourcesFit's filter, as Kubernetes' fitsRequest: the pod count
 * first, then each requested resource against what is allocatable and not
 * yet requested by the pods bound or assumed there.
 */
export const nodeResourcesFit: FilterPlugin = {
  name: "NodeResourcesFit",
  prepare(pod) {
    const { milliCpu, memory, scalar } = pod.requests;
    const requestsNothing = milliCpu === 0 && memory === 0 && [...scalar.values()].every((value) => value === 0);
    return (node) => {
      if (node.pods.size + 1 > node.allocatable.pods) return ["Too many pods"];
      if (requestsNothing) return undefined;
      const reasons: string[] = [];
      if (milliCpu > 0 && milliCpu > node.allocatable.milliCpu - node.requested.milliCpu) reasons.push("Insufficient cpu");
      if (memory > 0 && memory > node.allocatable.memory - node.requested.memory) reasons.push("Insufficient memory");
      for (const [name, value] of scalar) {
        if (value > 0 && value > (node.allocatable.scalar.get(name) ?? 0) - (node.requested.scalar.get(name) ?? 0)) reasons.push(`Insufficient ${name}`);
      }
      return reasons.length > 0 ? reasons : undefined;
    };
  },
};

/** (allocatable − requested) / allocatable on 0..100; nothing allocatable or overcommitted scores 0. */
function leastAllocated(requested: number, allocatable: number): number {
  if (allocatable === 0 || requested > allocatable) return 0;
  return Math.trunc(((allocatable - requested) * maxNodeScore) / allocatable);
}

/**
 * NodeResourcesFit's default score, LeastAllocated: cpu and memory
 * (weight 1 each) with the non-zero requests of the pods there plus this
 * one, so empty nodes are preferred and load spreads (plugin weight 1).
 */
export const leastAllocatedScore: ScorePlugin = {
  name: "NodeResourcesFit",
  weight: 1,
  prepare(pod) {
    const { milliCpu, memory } = pod.nonZeroRequests;
    return {
      score(node) {
        const cpu = leastAllocated(node.nonZeroRequested.milliCpu + milliCpu, node.allocatable.milliCpu);
        const mem = leastAllocated(node.nonZeroRequested.memory + memory, node.allocatable.memory);
        return Math.trunc((cpu + mem) / 2);
      },
    };
  },
};

/**
 * NodeResourcesBalancedAllocation: a node whose cpu and memory would be
 * used in the same proportion scores best — (1 − standard deviation of the
 * fractions) × 100 (weight 1).
 */
export const balancedAllocationScore: ScorePlugin = {
  name: "NodeResourcesBalancedAllocation",
  weight: 1,
  prepare(pod) {
    const { milliCpu, memory } = pod.requests;
    const fraction = (requested: number, allocatable: number): number => (allocatable === 0 ? 1 : Math.min(1, requested / allocatable));
    return {
      score(node) {
        const cpu = fraction(node.requested.milliCpu + milliCpu, node.allocatable.milliCpu);
        const mem = fraction(node.requested.memory + memory, node.allocatable.memory);
        // The standard deviation of two values is half their distance.
        return Math.trunc((1 - Math.abs(cpu - mem) / 2) * maxNodeScore);
      },
    };
  },
};
