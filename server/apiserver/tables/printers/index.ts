import type { ResourcePrinter } from "../table-types.js";
import { configMapPrinter, leasePrinter, namespacePrinter, secretPrinter, serviceAccountPrinter } from "./config.js";
import { defaultPrinter } from "./default.js";
import { endpointSlicePrinter, endpointsPrinter } from "./endpoints.js";
import { eventPrinter } from "./event.js";
import { jobPrinter } from "./job.js";
import { nodePrinter } from "./node.js";
import { podPrinter } from "./pod.js";
import { roleBindingPrinter, rolePrinter } from "./rbac.js";
import { servicePrinter } from "./service.js";
import { daemonSetPrinter, deploymentPrinter, replicaSetPrinter } from "./workloads.js";

const RBAC = "rbac.authorization.k8s.io";

/** Printers by `group/resource` (core group empty). */
const printers: ReadonlyMap<string, ResourcePrinter> = new Map([
  ["/pods", podPrinter],
  ["/services", servicePrinter],
  ["/endpoints", endpointsPrinter],
  ["/nodes", nodePrinter],
  ["/namespaces", namespacePrinter],
  ["/configmaps", configMapPrinter],
  ["/secrets", secretPrinter],
  ["/serviceaccounts", serviceAccountPrinter],
  ["/events", eventPrinter],
  ["apps/deployments", deploymentPrinter],
  ["apps/replicasets", replicaSetPrinter],
  ["apps/daemonsets", daemonSetPrinter],
  ["batch/jobs", jobPrinter],
  ["coordination.k8s.io/leases", leasePrinter],
  ["discovery.k8s.io/endpointslices", endpointSlicePrinter],
  [`${RBAC}/roles`, rolePrinter],
  [`${RBAC}/clusterroles`, rolePrinter],
  [`${RBAC}/rolebindings`, roleBindingPrinter],
  [`${RBAC}/clusterrolebindings`, roleBindingPrinter],
]);

/** The printer of a resource (group `""` for core), or NAME/AGE for one without its own. */
export function printerFor(group: string, resource: string): ResourcePrinter {
  return printers.get(`${group}/${resource}`) ?? defaultPrinter;
}
