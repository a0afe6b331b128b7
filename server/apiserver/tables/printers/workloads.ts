import { intAt, recordAt, stringMapAt } from "../json-reader.js";
import type { ResourcePrinter } from "../table-types.js";
import { ageColumn, column, nameColumn, templateColumns } from "./columns.js";
import { ageOf, containerCells, formatLabelSelector, formatLabels, labelSelectorString, nameOf, templatePodSpec } from "./cells.js";

/** Deployments: READY as ready/desired replicas, UP-TO-DATE, AVAILABLE. */
export const deploymentPrinter: ResourcePrinter = {
  columns: [
    nameColumn,
    column("Ready", "string", "Number of the pod with ready state"),
    column("Up-to-date", "string", "Total number of non-terminated pods targeted by this deployment that have the desired template spec."),
    column("Available", "string", "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."),
    ageColumn,
    ...templateColumns("Label selector for the pods; ReplicaSets whose pods it selects are the ones this deployment manages."),
  ],
  cells(deployment, now) {
    // The Deployment printer reads the selector without the <none> of the other workloads.
    const selector = labelSelectorString(recordAt(deployment, "spec", "selector")) ?? "<invalid>";
    return [
      nameOf(deployment),
      `${intAt(deployment, "status", "readyReplicas")}/${intAt(deployment, "spec", "replicas")}`,
      intAt(deployment, "status", "updatedReplicas"),
      intAt(deployment, "status", "availableReplicas"),
      ageOf(deployment, now),
      ...containerCells(templatePodSpec(deployment)),
      selector,
    ];
  },
};

/** ReplicaSets: DESIRED, CURRENT, READY replicas. */
export const replicaSetPrinter: ResourcePrinter = {
  columns: [
    nameColumn,
    column("Desired", "integer", "Replicas is the number of desired pods."),
    column("Current", "integer", "Replicas is the most recently observed number of replicas."),
    column("Ready", "integer", "The number of ready replicas for this replica set."),
    ageColumn,
    ...templateColumns("Selector is a label query over pods that should match the replica count."),
  ],
  cells(replicaSet, now) {
    return [
      nameOf(replicaSet),
      intAt(replicaSet, "spec", "replicas"),
      intAt(replicaSet, "status", "replicas"),
      intAt(replicaSet, "status", "readyReplicas"),
      ageOf(replicaSet, now),
      ...containerCells(templatePodSpec(replicaSet)),
      formatLabelSelector(recordAt(replicaSet, "spec", "selector")),
    ];
  },
};

/** DaemonSets: scheduling counts from status and the template's NODE SELECTOR. */
export const daemonSetPrinter: ResourcePrinter = {
  columns: [
    nameColumn,
    column("Desired", "integer", "The total number of nodes that should be running the daemon pod."),
    column("Current", "integer", "The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod."),
    column("Ready", "integer", "The number of nodes that should run the daemon pod and have it running and ready."),
    column("Up-to-date", "integer", "The total number of nodes that are running updated daemon pod."),
    column("Available", "integer", "The number of nodes that should run the daemon pod and have it running and available."),
    column("Node Selector", "string", "NodeSelector is a selector which must be true for the pod to fit on a node."),
    ageColumn,
    ...templateColumns("A label query over pods that are managed by the daemon set."),
  ],
  cells(daemonSet, now) {
    return [
      nameOf(daemonSet),
      intAt(daemonSet, "status", "desiredNumberScheduled"),
      intAt(daemonSet, "status", "currentNumberScheduled"),
      intAt(daemonSet, "status", "numberReady"),
      intAt(daemonSet, "status", "updatedNumberScheduled"),
      intAt(daemonSet, "status", "numberAvailable"),
      formatLabels(stringMapAt(templatePodSpec(daemonSet), "nodeSelector")),
      ageOf(daemonSet, now),
      ...containerCells(templatePodSpec(daemonSet)),
      formatLabelSelector(recordAt(daemonSet, "spec", "selector")),
    ];
  },
};
