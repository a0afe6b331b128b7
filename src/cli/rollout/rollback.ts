import { revisionAnnotation, type DeploymentObject, type RawPodTemplate, type ReplicaSetObject } from "./deployment-objects.js";
import { RolloutError } from "./rollout-error.js";
import { revisionOf } from "./revision.js";
import { equalIgnoreHash, withoutHashLabel } from "./template-equality.js";

/** One operation of an RFC 6902 JSON patch. */
export interface JsonPatchReplace {
  op: "replace";
  path: string;
  value: unknown;
}

/** What `rollout undo` does: nothing (the template is already the one asked for), or a JSON patch of the Deployment. */
export type RollbackPlan = { kind: "skip"; message: string } | { kind: "patch"; patch: JsonPatchReplace[] };

/**
 * Annotations that stay as the Deployment has them rather than come from the
 * ReplicaSet rolled back to: kubectl's own, and the deployment controller's.
 */
const deploymentOwnedAnnotations = new Set([
  "kubectl.kubernetes.io/last-applied-configuration",
  revisionAnnotation,
  "deployment.kubernetes.io/revision-history",
  "deployment.kubernetes.io/desired-replicas",
  "deployment.kubernetes.io/max-replicas",
  "deprecated.deployment.rollback.to",
]);

/**
 * kubectl's DeploymentRollbacker: the patch that puts a revision's pod
 * template back in the Deployment (without its `pod-template-hash` label)
 * and replaces the Deployment's annotations with the ReplicaSet's, keeping
 * the Deployment's own bookkeeping annotations.
 *
 * @param replicaSets the Deployment's ReplicaSets in kubectl's order (see `orderReplicaSets`).
 * @param toRevision the revision to go back to; 0 for the one before the latest.
 * @throws RolloutError when there is no such revision, no history, or the Deployment is paused.
 *
 * @example
 * planRollback(web, replicaSets, 0);
 * // { kind: "patch", patch: [{ op: "replace", path: "/spec/template", value: {...} }, { op: "replace", path: "/metadata/annotations", value: {...} }] }
 */
export function planRollback(deployment: DeploymentObject, replicaSets: readonly ReplicaSetObject[], toRevision: number): RollbackPlan {
  if (toRevision < 0) throw revisionNotFound(toRevision);
  const target = replicaSetForRevision(deployment, replicaSets, toRevision);
  if (deployment.spec.paused) {
    throw new RolloutError("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
  }
  // kubectl names the revision asked for, which is 0 when none was.
  if (equalIgnoreHash(target.spec.template, deployment.spec.template)) {
    return { kind: "skip", message: `skipped rollback (current template already matches revision ${toRevision})` };
  }
  const annotations: Record<string, string> = {};
  for (const [key, value] of Object.entries(deployment.metadata.annotations ?? {})) {
    if (deploymentOwnedAnnotations.has(key)) annotations[key] = value;
  }
  for (const [key, value] of Object.entries(target.metadata.annotations ?? {})) {
    if (!deploymentOwnedAnnotations.has(key)) annotations[key] = value;
  }
  const template: RawPodTemplate = withoutHashLabel(target.spec.template);
  return {
    kind: "patch",
    patch: [
      { op: "replace", path: "/spec/template", value: template },
      { op: "replace", path: "/metadata/annotations", value: annotations },
    ],
  };
}

/** The ReplicaSet of `toRevision`, or of the revision before the latest when it is 0. */
function replicaSetForRevision(deployment: DeploymentObject, replicaSets: readonly ReplicaSetObject[], toRevision: number): ReplicaSetObject {
  let latest: { revision: number; replicaSet?: ReplicaSetObject } = { revision: -1 };
  let previous: { revision: number; replicaSet?: ReplicaSetObject } = { revision: -1 };
  for (const replicaSet of replicaSets) {
    const read = revisionOf(replicaSet.metadata.annotations);
    if (!read.ok) continue;
    if (toRevision > 0) {
      if (read.revision === toRevision) return replicaSet;
    } else if (read.revision > latest.revision) {
      previous = latest;
      latest = { revision: read.revision, replicaSet };
    } else if (read.revision > previous.revision) {
      previous = { revision: read.revision, replicaSet };
    }
  }
  if (toRevision > 0) throw revisionNotFound(toRevision);
  if (previous.replicaSet === undefined) throw new RolloutError(`no rollout history found for deployment "${deployment.metadata.name}"`);
  return previous.replicaSet;
}

const revisionNotFound = (revision: number): RolloutError => new RolloutError(`unable to find specified revision ${revision} in history`);
