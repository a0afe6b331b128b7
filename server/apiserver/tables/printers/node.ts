import { isTrueAt, listAt, stringAt, stringMapAt } from "../json-reader.js";
import type { ResourcePrinter } from "../table-types.js";
import { ageColumn, column, nameColumn, wide } from "./columns.js";
import { ageOf, nameOf } from "./cells.js";

const ROLE_LABEL_PREFIX = "node-role.kubernetes.io/";
const LEGACY_ROLE_LABEL = "kubernetes.io/role";

/** Nodes: STATUS from the Ready condition and cordoning, ROLES from role labels, the kubelet VERSION. */
export const nodePrinter: ResourcePrinter = {
  columns: [
    nameColumn,
    column("Status", "string", "The status of the node"),
    column("Roles", "string", "The roles of the node"),
    ageColumn,
    column("Version", "string", "Kubelet Version reported by the node."),
    wide("Internal-IP", "string", "List of addresses reachable to the node."),
    wide("External-IP", "string", "List of addresses reachable to the node."),
    wide("OS-Image", "string", "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 12 (bookworm))."),
    wide("Kernel-Version", "string", "Kernel Version reported by the node from 'uname -r'."),
    wide("Container-Runtime", "string", "ContainerRuntime Version reported by the node through runtime remote API (e.g. docker://27.1.1)."),
  ],
  cells(node, now) {
    const info = (key: string): string => stringAt(node, "status", "nodeInfo", key) || "<unknown>";
    return [
      nameOf(node),
      nodeStatus(node),
      nodeRoles(node).join(",") || "<none>",
      ageOf(node, now),
      stringAt(node, "status", "nodeInfo", "kubeletVersion"),
      nodeAddress(node, "InternalIP"),
      nodeAddress(node, "ExternalIP"),
      info("osImage"),
      info("kernelVersion"),
      info("containerRuntimeVersion"),
    ];
  },
};

/** `Ready`, `NotReady` or `Unknown` (no Ready condition), then `,SchedulingDisabled` when cordoned. */
function nodeStatus(node: unknown): string {
  // The last Ready condition counts, as in Kubernetes' map of conditions by type.
  const ready = listAt(node, "status", "conditions")
    .filter((condition) => stringAt(condition, "type") === "Ready")
    .at(-1);
  const parts = [ready === undefined ? "Unknown" : stringAt(ready, "status") === "True" ? "Ready" : "NotReady"];
  if (isTrueAt(node, "spec", "unschedulable")) parts.push("SchedulingDisabled");
  return parts.join(",");
}

/** Roles from `node-role.kubernetes.io/<role>` label keys and the `kubernetes.io/role` value, sorted. */
function nodeRoles(node: unknown): string[] {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(stringMapAt(node, "metadata", "labels"))) {
    if (key.startsWith(ROLE_LABEL_PREFIX)) {
      const role = key.slice(ROLE_LABEL_PREFIX.length);
      if (role !== "") roles.add(role);
    } else if (key === LEGACY_ROLE_LABEL && value !== "") {
      roles.add(value);
    }
  }
  return [...roles].sort();
}

/** The first address of the type, or `<none>`. */
function nodeAddress(node: unknown, type: string): string {
  const found = listAt(node, "status", "addresses").find((address) => stringAt(address, "type") === type);
  return found === undefined ? "<none>" : stringAt(found, "address");
}
