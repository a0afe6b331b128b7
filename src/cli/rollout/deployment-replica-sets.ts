import type { DiscoveredResource } from "../../client/discovery.js";
import type { RestClient } from "../../client/rest/rest-client.js";
import { selectorFromLabelSelector } from "../../api/labels/index.js";
import { StatusError } from "../../errors/status.js";
import { listObjects } from "../output/list-objects.js";
import { readReplicaSet, type DeploymentObject, type ReplicaSetObject } from "./deployment-objects.js";
import { RolloutError } from "./rollout-error.js";
import { equalIgnoreHash } from "./template-equality.js";

/**
 * A Deployment's ReplicaSets as kubectl finds them: listed by the
 * Deployment's selector, kept when the Deployment is their controller.
 *
 * @throws RolloutError when the selector cannot be used or the list fails.
 */
export async function listDeploymentReplicaSets(
  client: RestClient,
  replicaSets: DiscoveredResource,
  deployment: DeploymentObject,
): Promise<ReplicaSetObject[]> {
  const failed = (why: string): RolloutError => new RolloutError(`failed to retrieve replica sets from deployment ${deployment.metadata.name}: ${why}`);
  const selector = selectorFromLabelSelector(deployment.spec.selector);
  if (!selector.ok) throw failed(selector.error.message);
  const listed = await listObjects(client, replicaSets, deployment.metadata.namespace, { labelSelector: selector.value.toString() }).catch(
    (error: unknown) => {
      throw error instanceof StatusError ? failed(error.message) : error;
    },
  );
  return orderReplicaSets(deployment, listed.items.map(readReplicaSet));
}

/**
 * The ReplicaSets the Deployment controls, in kubectl's order: the old ones
 * by creation (then name), then the new one, the oldest that runs the
 * Deployment's template. Later ones win where two claim the same revision.
 */
export function orderReplicaSets(deployment: DeploymentObject, candidates: readonly ReplicaSetObject[]): ReplicaSetObject[] {
  const owned = candidates.filter((replicaSet) => controllerUid(replicaSet) === deployment.metadata.uid);
  owned.sort((a, b) => createdAt(a) - createdAt(b) || (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
  const current = owned.find((replicaSet) => equalIgnoreHash(replicaSet.spec.template, deployment.spec.template));
  return current === undefined ? owned : [...owned.filter((replicaSet) => replicaSet !== current), current];
}

// The first owner reference marked controller, as metav1.GetControllerOf reads it.
const controllerUid = (replicaSet: ReplicaSetObject): string | undefined =>
  replicaSet.metadata.ownerReferences?.find((reference) => reference.controller === true)?.uid;

const createdAt = (replicaSet: ReplicaSetObject): number => {
  const time = Date.parse(replicaSet.metadata.creationTimestamp ?? "");
  return Number.isNaN(time) ? 0 : time;
};
