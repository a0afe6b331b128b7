import type { FilterPlugin } from "../framework.js";

export const nodePortsReason = "node(s) didn't have free ports for the requested pod ports";

/** NodePorts: every host port the pod asks for is free on the node. */
export const nodePorts: FilterPlugin = {
  name: "NodePorts",
  prepare(pod) {
    if (pod.hostPorts.length === 0) return undefined;
    const reasons = [nodePortsReason];
    return (node) => (pod.hostPorts.some((port) => node.portInUse(port)) ? reasons : undefined);
  },
};
