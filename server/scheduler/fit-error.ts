/** Kubernetes' ErrNoNodesAvailable: the message when the cluster has no node at all. */
export const noNodesAvailableMessage = "no nodes available to schedule pods";

/**
 * The message of Kubernetes' FitError: "0/N nodes are available: " and
 * each reason with the number of nodes it kept off, as "COUNT REASON"
 * strings sorted as strings (Go's sort.Strings, so "10 …" sorts before
 * "2 …"), joined by ", ", with a final ".".
 *
 * skiff has no preemption, so no "preemption: …" part follows: the message
 * is the one kube-scheduler writes when its PostFilter (preemption) has
 * nothing to say.
 */
export function fitErrorMessage(numAllNodes: number, reasons: ReadonlyMap<string, number>): string {
  const counted = [...reasons].map(([reason, count]) => `${count} ${reason}`);
  counted.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const head = `0/${numAllNodes} nodes are available:`;
  return counted.length > 0 ? `${head} ${counted.join(", ")}.` : head;
}
