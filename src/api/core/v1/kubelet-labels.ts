/**
 * Which Node labels a node may set on itself, after Kubernetes'
 * NodeRestriction: none under node-restriction.kubernetes.io (that prefix
 * exists so admins can mark nodes in a way nodes cannot fake), and of the
 * other kubernetes.io / k8s.io labels only those the kubelet itself sets
 * (hostname, os, arch, zone, instance type). So a stolen node cannot label
 * itself `node-role.kubernetes.io/control-plane` and draw workloads meant
 * for others.
 */

const kubeletLabels = new Set([
  "kubernetes.io/hostname",
  "kubernetes.io/os",
  "kubernetes.io/arch",
  "beta.kubernetes.io/os",
  "beta.kubernetes.io/arch",
  "beta.kubernetes.io/instance-type",
  "node.kubernetes.io/instance-type",
  "topology.kubernetes.io/region",
  "topology.kubernetes.io/zone",
  "failure-domain.beta.kubernetes.io/region",
  "failure-domain.beta.kubernetes.io/zone",
]);

/** Prefixes whose labels are the kubelet's own to set. */
const kubeletLabelNamespaces = ["kubelet.kubernetes.io", "node.kubernetes.io"];

const nodeRestrictionNamespace = "node-restriction.kubernetes.io";

/** The prefix of a label key (`node-role.kubernetes.io` of `node-role.kubernetes.io/worker`); "" when it has none. */
function labelNamespace(key: string): string {
  const slash = key.indexOf("/");
  return slash < 0 ? "" : key.slice(0, slash);
}

const inNamespace = (namespace: string, parent: string): boolean => namespace === parent || namespace.endsWith(`.${parent}`);

function isKubeletLabel(key: string): boolean {
  return kubeletLabels.has(key) || kubeletLabelNamespaces.some((parent) => inNamespace(labelNamespace(key), parent));
}

/** The keys whose value differs between two label maps: added, removed or changed. */
export function modifiedLabels(next: Record<string, string>, previous: Record<string, string>): string[] {
  const keys = new Set([...Object.keys(next), ...Object.keys(previous)]);
  return [...keys].filter((key) => next[key] !== previous[key]).sort();
}

/** Of the given label keys, those a node may not set, change or remove on its own Node. */
export function forbiddenNodeLabels(keys: readonly string[]): string[] {
  return keys.filter((key) => {
    const namespace = labelNamespace(key);
    if (inNamespace(namespace, nodeRestrictionNamespace)) return true;
    const isKubernetes = inNamespace(namespace, "kubernetes.io") || inNamespace(namespace, "k8s.io");
    return isKubernetes && !isKubeletLabel(key);
  });
}
