import type { DaemonPod } from "../daemon-pods.js";
import { pinToNode } from "../node-affinity.js";
import { revisionHashLabel } from "../template-hash.js";

/** A daemon pod for unit tests: pinned to `node`, of template `hash`, in a phase, ready or not. */
export function daemonPod(
  name: string,
  node: string,
  hash: string,
  options: { phase?: string; ready?: boolean; readySince?: string; created?: string; deleting?: boolean; bound?: boolean } = {},
): DaemonPod {
  return {
    metadata: {
      name,
      uid: `uid-${name}`,
      labels: { [revisionHashLabel]: hash },
      creationTimestamp: options.created ?? "2026-11-23T10:00:00Z",
      ...(options.deleting ? { deletionTimestamp: "2026-11-23T11:00:00Z" } : {}),
    },
    spec: { containers: [], affinity: pinToNode(undefined, node), ...(options.bound ? { nodeName: node } : {}) },
    status: {
      phase: options.phase ?? "Running",
      conditions: [{ type: "Ready", status: options.ready ? "True" : "False", lastTransitionTime: options.readySince ?? "2026-11-23T10:00:00Z" }],
    },
  };
}
