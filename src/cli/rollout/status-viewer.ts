import type { DeploymentObject } from "./deployment-objects.js";
import { RolloutError } from "./rollout-error.js";
import { revisionOf } from "./revision.js";

/** One look at a rollout: the line kubectl prints, and whether the rollout is over. */
export interface RolloutProgress {
  message: string;
  done: boolean;
}

// The Progressing condition's reason once progressDeadlineSeconds has passed without progress.
const timedOutReason = "ProgressDeadlineExceeded";

/**
 * kubectl's DeploymentStatusViewer: where a Deployment's rollout stands. A
 * rollout is done once the controller has seen the latest spec and every
 * replica is updated and available with no old one left.
 *
 * @param revision pins the rollout to watch (0: whichever is latest).
 * @throws RolloutError when the progress deadline passed, or the Deployment is at another revision than `revision`.
 *
 * @example
 * deploymentRolloutStatus(web, 0); // { message: 'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...\n', done: false }
 */
export function deploymentRolloutStatus(deployment: DeploymentObject, revision: number): RolloutProgress {
  const { name, generation } = deployment.metadata;
  if (revision > 0) {
    const current = revisionOf(deployment.metadata.annotations);
    if (!current.ok) throw new RolloutError(`cannot get the revision of deployment "${name}": ${current.error}`);
    if (current.revision !== revision) {
      throw new RolloutError(`desired revision (${revision}) is different from the running revision (${current.revision})`);
    }
  }
  const status = deployment.status;
  if (generation > status.observedGeneration) {
    return { message: "Waiting for deployment spec update to be observed...\n", done: false };
  }
  const progressing = status.conditions.find((condition) => condition.type === "Progressing");
  if (progressing?.reason === timedOutReason) throw new RolloutError(`deployment "${name}" exceeded its progress deadline`);
  const waiting = (what: string): RolloutProgress => ({ message: `Waiting for deployment "${name}" rollout to finish: ${what}...\n`, done: false });
  const wanted = deployment.spec.replicas;
  if (wanted !== undefined && status.updatedReplicas < wanted) {
    return waiting(`${status.updatedReplicas} out of ${wanted} new replicas have been updated`);
  }
  if (status.replicas > status.updatedReplicas) {
    return waiting(`${status.replicas - status.updatedReplicas} old replicas are pending termination`);
  }
  if (status.availableReplicas < status.updatedReplicas) {
    return waiting(`${status.availableReplicas} of ${status.updatedReplicas} updated replicas are available`);
  }
  return { message: `deployment "${name}" successfully rolled out\n`, done: true };
}
