import type { IntOrString } from "../../../src/api/schema/primitives.js";
import { intOrPercentValue } from "../../../src/api/apps/v1/int-or-percent.js";
import { isPodAvailable } from "../workload/pod-state.js";
import { type DaemonPod, updatedAndOldPod } from "./daemon-pods.js";

/** Kubernetes' GetScaledValueFromIntOrPercent with rounding up: "25%" of 10 is 3. */
export function scaledUp(value: IntOrString | undefined, total: number): number {
  if (value === undefined) return 0;
  if (typeof value === "string" && value.endsWith("%")) return Math.ceil((intOrPercentValue(value) * total) / 100);
  return intOrPercentValue(value);
}

/** maxSurge and maxUnavailable in pods; never both 0 while any node wants a pod (unavailable 1 then, as Kubernetes). */
export function rollingLimits(
  rollingUpdate: { maxUnavailable?: IntOrString | undefined; maxSurge?: IntOrString | undefined } | undefined,
  desired: number,
): { maxSurge: number; maxUnavailable: number } {
  const maxSurge = scaledUp(rollingUpdate?.maxSurge, desired);
  let maxUnavailable = scaledUp(rollingUpdate?.maxUnavailable, desired);
  if (desired > 0 && maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable };
}

/** What one rolling-update step reads. */
export interface RollingInput {
  byNode: ReadonlyMap<string, readonly DaemonPod[]>;
  hash: string;
  maxSurge: number;
  maxUnavailable: number;
  /** Nodes that should run a pod now. */
  desired: number;
  minReadySeconds: number;
  nowMs: number;
  /** Whether the node (by name) should run a daemon pod now; false for a node that is gone. */
  shouldRun: (node: string) => boolean;
}

/** Old pods to delete and nodes to give a new pod (surge only). */
export interface RollingStep {
  podsToDelete: DaemonPod[];
  nodesToCreate: string[];
}

/**
 * Kubernetes' DaemonSet rollingUpdate. Without surge: unavailable old pods
 * are replaced at once, available ones only while fewer than maxUnavailable
 * nodes are unavailable (a node with no pod, two pods, or a new pod not yet
 * available counts as unavailable). With surge: a new pod goes beside an
 * old one on up to maxSurge nodes, and the old one goes once the new one is available.
 */
export function planRollingUpdate(input: RollingInput): RollingStep {
  return input.maxSurge === 0 ? withoutSurge(input) : withSurge(input);
}

function withoutSurge(input: RollingInput): RollingStep {
  const available = (pod: DaemonPod): boolean => isPodAvailable(pod, input.minReadySeconds, input.nowMs);
  let unavailable = 0;
  const replaceNow: DaemonPod[] = [];
  const candidates: DaemonPod[] = [];
  for (const node of input.byNode.keys()) {
    const found = updatedAndOldPod(input.byNode.get(node) ?? [], input.hash);
    if (found === undefined) {
      unavailable++;
      continue;
    }
    const { newPod, oldPod } = found;
    if ((newPod === undefined) === (oldPod === undefined)) unavailable++;
    else if (newPod !== undefined) {
      if (!available(newPod)) unavailable++;
    } else if (oldPod !== undefined) {
      if (!available(oldPod)) replaceNow.push(oldPod);
      else if (unavailable < input.maxUnavailable) candidates.push(oldPod);
    }
  }
  const room = Math.min(Math.max(input.maxUnavailable - unavailable, 0), candidates.length);
  return { podsToDelete: [...replaceNow, ...candidates.slice(0, room)], nodesToCreate: [] };
}

function withSurge(input: RollingInput): RollingStep {
  const available = (pod: DaemonPod): boolean => isPodAvailable(pod, input.minReadySeconds, input.nowMs);
  const podsToDelete: DaemonPod[] = [];
  const shouldNotRun: DaemonPod[] = [];
  const replaceNow: string[] = [];
  const candidates: string[] = [];
  let surging = 0;
  let numAvailable = 0;
  for (const node of input.byNode.keys()) {
    const found = updatedAndOldPod(input.byNode.get(node) ?? [], input.hash);
    if (found === undefined) {
      surging++;
      continue;
    }
    const { newPod, oldPod } = found;
    const counted = oldPod ?? newPod;
    if (counted !== undefined && available(counted)) numAvailable++;
    if (oldPod === undefined) continue;
    if (newPod === undefined) {
      if (!available(oldPod)) {
        if (input.shouldRun(node)) replaceNow.push(node);
        else podsToDelete.push(oldPod);
      } else if (!input.shouldRun(node)) {
        shouldNotRun.push(oldPod);
      } else if (surging < input.maxSurge) {
        candidates.push(node);
      }
    } else if (!available(newPod)) {
      surging++;
    } else {
      podsToDelete.push(oldPod);
    }
  }
  // Pods on nodes that no longer want one go only as far as others stand in for them (surge promises full availability).
  const spare = Math.min(Math.max(numAvailable - input.desired, 0), shouldNotRun.length);
  podsToDelete.push(...shouldNotRun.slice(0, spare));
  const room = Math.min(Math.max(input.maxSurge - surging, 0), candidates.length);
  return { podsToDelete, nodesToCreate: [...replaceNow, ...candidates.slice(0, room)] };
}
