import { age } from "../../../../src/format/human-duration.js";
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
  const total = listAt(pod, "spec", "containers").length + sidecars.size;
  const init = summarizeInitContainers(pod, sidecars);
  let ready = init.readySidecars;
  let restarts = init.allRestarts;
  if (init.blockedReason !== undefined) reason = init.blockedReason;

  if (init.blockedReason === undefined || hasTrueCondition(pod, "Initialized")) {
    // Restarts of regular init containers no longer count once the pod is initialized.
    restarts = init.sidecarRestarts;
    const statuses = listAt(pod, "status", "containerStatuses");
    for (const status of statuses) restarts.add(status);
    const running = statuses.filter((status) => isTrueAt(status, "ready") && isRunning(status));
    ready += running.length;
    // The first container that waits or has terminated names the status.
    const told = statuses.map(containerReason).find((containerSays) => containerSays !== undefined);
    if (told !== undefined) reason = told;
    // A pod whose containers partly completed while others still run is not Completed.
    if (reason === "Completed" && running.length > 0) {
      reason = hasTrueCondition(pod, "Ready") ? "Running" : "NotReady";
    }
  }

  if (isDeleting(pod)) {
    if (stringAt(pod, "status", "reason") === NODE_LOST_REASON) reason = "Unknown";
    else if (phase !== "Succeeded" && phase !== "Failed") reason = "Terminating";
  }
  return { ready, total, reason, restarts: restarts.count, lastRestart: restarts.last };
}

interface InitSummary {
  /** `Init:...` when an init container holds the pod back; undefined once all are through. */
  blockedReason: string | undefined;
  /** Started sidecars that are ready. */
  readySidecars: number;
  allRestarts: RestartTally;
  sidecarRestarts: RestartTally;
}

/**
 * Walks the init container statuses in order up to the first that has not
 * succeeded (a started sidecar counts as through): `Init:<reason>` for a
 * failed or waiting one, `Init:<index>/<count>` for one still running.
 */
function summarizeInitContainers(pod: unknown, sidecars: ReadonlySet<string>): InitSummary {
  const summary: InitSummary = {
    blockedReason: undefined,
    readySidecars: 0,
    allRestarts: new RestartTally(),
    sidecarRestarts: new RestartTally(),
  };
  const count = listAt(pod, "spec", "initContainers").length;
  for (const [index, status] of listAt(pod, "status", "initContainerStatuses").entries()) {
    summary.allRestarts.add(status);
    const isSidecar = sidecars.has(stringAt(status, "name"));
    if (isSidecar) summary.sidecarRestarts.add(status);

    const terminated = recordAt(status, "state", "terminated");
    if (terminated !== undefined && intAt(terminated, "exitCode") === 0) continue;
    if (isSidecar && isTrueAt(status, "started")) {
      if (isTrueAt(status, "ready")) summary.readySidecars++;
      continue;
    }
    const waitingReason = stringAt(status, "state", "waiting", "reason");
    if (terminated !== undefined) {
      summary.blockedReason = `Init:${terminatedReason(terminated)}`;
    } else if (waitingReason !== "" && waitingReason !== "PodInitializing") {
      summary.blockedReason = `Init:${waitingReason}`;
    } else {
      summary.blockedReason = `Init:${index}/${count}`;
    }
    break;
  }
  return summary;
}

/** A container's waiting reason, or its terminated reason; undefined while it runs (or waits without a reason). */
function containerReason(status: unknown): string | undefined {
  const waitingReason = stringAt(status, "state", "waiting", "reason");
  if (waitingReason !== "") return waitingReason;
  const terminated = recordAt(status, "state", "terminated");
  return terminated === undefined ? undefined : terminatedReason(terminated);
}

/** Whether the container is in the running state (and no other state has the say). */
function isRunning(status: unknown): boolean {
  return containerReason(status) === undefined && hasRecordAt(status, "state", "running");
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
