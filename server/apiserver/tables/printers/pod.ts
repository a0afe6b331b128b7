import { age } from "../human-duration.js";
import { hasRecordAt, intAt, isTrueAt, listAt, recordAt, stringAt, timeAt } from "../json-reader.js";
import type { ResourcePrinter, TableCell, TableRowCondition } from "../table-types.js";
import { ageColumn, column, nameColumn, wide } from "./columns.js";
import { ageOf, hasTrueCondition, isDeleting, nameOf } from "./cells.js";

/** Pod status reason the node lifecycle controller sets when a node stops reporting. */
const NODE_LOST_REASON = "NodeLost";

const columns = [
  nameColumn,
  column("Ready", "string", "The aggregate readiness state of this pod for accepting traffic."),
  column("Status", "string", "The aggregate status of the containers in this pod."),
  column(
    "Restarts",
    "string",
    "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.",
  ),
  ageColumn,
  wide("IP", "string", "IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated."),
  wide("Node", "string", "NodeName is the name of the node the pod is bound to."),
  wide("Nominated Node", "string", "nominatedNodeName is set when this pod preempts other pods on a node."),
  wide("Readiness Gates", "string", "Conditions, beyond container readiness, that must hold for the pod to be ready."),
];

/**
 * Pods as `kubectl get pods` shows them: READY as ready/total containers,
 * STATUS as kubectl derives it from phase, init containers, container
 * states and deletion, RESTARTS with the time of the last restart.
 */
export const podPrinter: ResourcePrinter = {
  columns,
  cells(pod, now) {
    const summary = summarizePod(pod);
    const restarts =
      summary.restarts !== 0 && summary.lastRestart !== undefined
        ? `${summary.restarts} (${age(summary.lastRestart, now)} ago)`
        : String(summary.restarts);
    const cells: TableCell[] = [
      nameOf(pod),
      `${summary.ready}/${summary.total}`,
      summary.reason,
      restarts,
      ageOf(pod, now),
      orNone(podIP(pod)),
      orNone(stringAt(pod, "spec", "nodeName")),
      orNone(stringAt(pod, "status", "nominatedNodeName")),
      readinessGates(pod),
    ];
    return cells;
  },
  conditions(pod) {
    return completedConditions[stringAt(pod, "status", "phase")];
  },
};

const completedConditions: Readonly<Record<string, TableRowCondition[]>> = {
  Succeeded: [{ type: "Completed", status: "True", reason: "Succeeded", message: "The pod has completed successfully." }],
  Failed: [{ type: "Completed", status: "True", reason: "Failed", message: "The pod failed." }],
};

interface PodSummary {
  ready: number;
  total: number;
  reason: string;
  restarts: number;
  /** When the container that restarted last finished (ms), if known. */
  lastRestart: number | undefined;
}

/** Tracks a restart count and the latest lastState.terminated.finishedAt among the statuses added. */
class RestartTally {
  count = 0;
  last: number | undefined;

  add(status: unknown): void {
    this.count += intAt(status, "restartCount");
    const finished = timeAt(status, "lastState", "terminated", "finishedAt");
    if (finished !== undefined && (this.last === undefined || finished > this.last)) this.last = finished;
  }
}

/** kubectl's pod STATUS, READY and RESTARTS logic (printPod in Kubernetes' printers). */
function summarizePod(pod: unknown): PodSummary {
  const phase = stringAt(pod, "status", "phase");
  let reason = stringAt(pod, "status", "reason") || phase;
  const gated = listAt(pod, "status", "conditions").some(
    (condition) => stringAt(condition, "type") === "PodScheduled" && stringAt(condition, "reason") === "SchedulingGated",
  );
  if (gated) reason = "SchedulingGated";

  // Sidecars (init containers with restartPolicy Always) count as containers of the pod.
  const sidecars = new Set(
    listAt(pod, "spec", "initContainers")
      .filter((container) => stringAt(container, "restartPolicy") === "Always")
      .map((container) => stringAt(container, "name")),
  );
  const initCount = listAt(pod, "spec", "initContainers").length;
  const total = listAt(pod, "spec", "containers").length + sidecars.size;
  let ready = 0;

  const all = new RestartTally();
  const sidecarRestarts = new RestartTally();
  let initializing = false;
  const initStatuses = listAt(pod, "status", "initContainerStatuses");
  for (const [index, status] of initStatuses.entries()) {
    all.add(status);
    const isSidecar = sidecars.has(stringAt(status, "name"));
    if (isSidecar) sidecarRestarts.add(status);

    const terminated = recordAt(status, "state", "terminated");
    const waitingReason = stringAt(status, "state", "waiting", "reason");
    if (terminated !== undefined && intAt(terminated, "exitCode") === 0) continue;
    if (isSidecar && isTrueAt(status, "started")) {
      if (isTrueAt(status, "ready")) ready++;
      continue;
    }
    initializing = true;
    if (terminated !== undefined) {
      reason = `Init:${terminatedReason(terminated)}`;
    } else if (waitingReason !== "" && waitingReason !== "PodInitializing") {
      reason = `Init:${waitingReason}`;
    } else {
      reason = `Init:${index}/${initCount}`;
    }
    break;
  }

  let restarts = all.count;
  let lastRestart = all.last;
  if (!initializing || hasTrueCondition(pod, "Initialized")) {
    const tally = sidecarRestarts;
    let hasRunning = false;
    // Backwards, so that the first container's state has the last word.
    const statuses = listAt(pod, "status", "containerStatuses");
    for (let i = statuses.length - 1; i >= 0; i--) {
      const status = statuses[i];
      tally.add(status);
      const waitingReason = stringAt(status, "state", "waiting", "reason");
      const terminated = recordAt(status, "state", "terminated");
      if (waitingReason !== "") {
        reason = waitingReason;
      } else if (terminated !== undefined) {
        reason = terminatedReason(terminated);
      } else if (isTrueAt(status, "ready") && hasRecordAt(status, "state", "running")) {
        hasRunning = true;
        ready++;
      }
    }
    // A pod whose containers partly completed while others still run is not Completed.
    if (reason === "Completed" && hasRunning) {
      reason = hasTrueCondition(pod, "Ready") ? "Running" : "NotReady";
    }
    restarts = tally.count;
    lastRestart = tally.last;
  }

  if (isDeleting(pod)) {
    if (stringAt(pod, "status", "reason") === NODE_LOST_REASON) reason = "Unknown";
    else if (phase !== "Succeeded" && phase !== "Failed") reason = "Terminating";
  }
  return { ready, total, reason, restarts, lastRestart };
}

/** The reason of a terminated state, or `Signal:N` / `ExitCode:N` when it has none. */
function terminatedReason(terminated: unknown): string {
  const reason = stringAt(terminated, "reason");
  if (reason !== "") return reason;
  const signal = intAt(terminated, "signal");
  return signal !== 0 ? `Signal:${signal}` : `ExitCode:${intAt(terminated, "exitCode")}`;
}

/** The first pod IP (status.podIPs[0], else status.podIP). */
function podIP(pod: unknown): string {
  const first = listAt(pod, "status", "podIPs")[0];
  return stringAt(first, "ip") || stringAt(pod, "status", "podIP");
}

/** READINESS GATES: how many of the pod's readiness gates have a True condition, `<none>` without gates. */
function readinessGates(pod: unknown): string {
  const gates = listAt(pod, "spec", "readinessGates");
  if (gates.length === 0) return "<none>";
  const conditions = listAt(pod, "status", "conditions");
  const passed = gates.filter((gate) => {
    const found = conditions.find((condition) => stringAt(condition, "type") === stringAt(gate, "conditionType"));
    return found !== undefined && stringAt(found, "status") === "True";
  }).length;
  return `${passed}/${gates.length}`;
}

function orNone(value: string): string {
  return value === "" ? "<none>" : value;
}
