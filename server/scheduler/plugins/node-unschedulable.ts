import type { FilterPlugin } from "../framework.js";
import { unschedulableTaintKey } from "../node-info.js";
import { toleratedBy } from "./tolerations.js";

export const unschedulableReason = "node(s) were unschedulable";

/** NodeUnschedulable: a cordoned node takes only pods that tolerate node.kubernetes.io/unschedulable:NoSchedule. */
export const nodeUnschedulable: FilterPlugin = {
  name: "NodeUnschedulable",
  prepare(pod) {
    const tolerates = toleratedBy(pod.tolerations, { key: unschedulableTaintKey, effect: "NoSchedule" });
    if (tolerates) return undefined;
    const reasons = [unschedulableReason];
    return (node) => (node.unschedulable ? reasons : undefined);
  },
};
