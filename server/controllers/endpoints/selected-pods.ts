import type { SharedInformer } from "../../../src/client/informer/index.js";
import { labelsOf, type IndexFunction } from "../../../src/client/informer/index-functions.js";
import { selects, type PodObject } from "./pod-endpoints.js";

/** Pods by `namespace/key=value` for each of their labels: what a service's selector reads. */
const byNamespaceLabel = "endpoints/pods-by-namespace-label";

const namespaceLabels: IndexFunction<PodObject> = (pod) => {
  const namespace = pod.metadata?.namespace ?? "";
  return Object.entries(labelsOf(pod)).map(([key, value]) => `${namespace}/${key}=${value}`);
};

// The endpoints and EndpointSlice controllers share one pod informer: the index is added once to each.
const indexed = new WeakSet<SharedInformer<PodObject>>();

/** Files the informer's pods by namespace and label (once per informer), for `selectedPods`. */
export function indexPodsByNamespaceLabel(pods: SharedInformer<PodObject>): void {
  if (indexed.has(pods)) return;
  pods.addIndex(byNamespaceLabel, namespaceLabels);
  indexed.add(pods);
}

/**
 * The pods of `namespace` that a service's selector picks, read from the
 * pods that carry its first label in that namespace: never every pod of
 * the cluster, nor every pod of the label in other namespaces.
 */
export function selectedPods(pods: SharedInformer<PodObject>, namespace: string, selector: Record<string, string>): PodObject[] {
  const [first] = Object.entries(selector);
  if (first === undefined) return [];
  return pods.lister.byIndex(byNamespaceLabel, `${namespace}/${first[0]}=${first[1]}`).filter((pod) => selects(selector, labelsOf(pod)));
}
