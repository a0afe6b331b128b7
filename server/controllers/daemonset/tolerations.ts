import type { Taint } from "../../../src/api/core/v1/node.js";
import type { Toleration } from "../../../src/api/core/v1/scheduling.js";
import { toleratesTaint } from "../../../src/api/core/v1/taint-toleration.js";

/** The first taint that `effects` cares about and no toleration tolerates, if any. */
export function findUntoleratedTaint(taints: readonly Taint[], tolerations: readonly Toleration[], effects: ReadonlySet<string>): Taint | undefined {
  return taints.find((taint) => effects.has(taint.effect) && !tolerations.some((toleration) => toleratesTaint(toleration, taint)));
}

const exists = (key: string, effect: "NoExecute" | "NoSchedule"): Toleration => ({ key, operator: "Exists", effect });

/**
 * Kubernetes' AddOrUpdateDaemonPodTolerations: a daemon pod stays through
 * a node going not-ready or unreachable (no tolerationSeconds: never
 * evicted), and lands on nodes under pressure and on cordoned ones; a
 * host-network pod also lands before the node's network is ready.
 */
export function daemonPodTolerations(existing: readonly Toleration[], hostNetwork: boolean): Toleration[] {
  const added = [
    exists("node.kubernetes.io/not-ready", "NoExecute"),
    exists("node.kubernetes.io/unreachable", "NoExecute"),
    exists("node.kubernetes.io/disk-pressure", "NoSchedule"),
    exists("node.kubernetes.io/memory-pressure", "NoSchedule"),
    exists("node.kubernetes.io/pid-pressure", "NoSchedule"),
    exists("node.kubernetes.io/unschedulable", "NoSchedule"),
    ...(hostNetwork ? [exists("node.kubernetes.io/network-unavailable", "NoSchedule")] : []),
  ];
  // As AddOrUpdateTolerationInPod: one of ours replaces the pod's own toleration of the same key and effect.
  const result = existing.filter((own) => !added.some((daemon) => daemon.key === own.key && daemon.effect === own.effect));
  return [...result, ...added];
}
