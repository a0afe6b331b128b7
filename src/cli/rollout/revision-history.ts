import { podTemplateSpecSchema, type PodTemplateSpec } from "../../api/core/v1/pod-template.js";
import { parseWith } from "../../api/schema/parse.js";
import { formatFieldError } from "../../api/validation/field-error.js";
import { TabWriter, describeLayout } from "../output/tab-writer.js";
import { changeCauseAnnotation, type DeploymentObject, type ReplicaSetObject } from "./deployment-objects.js";
import { describePodTemplate } from "./pod-template-description.js";
import { RolloutError } from "./rollout-error.js";
import { revisionOf } from "./revision.js";

/** A Deployment's revisions, each with the ReplicaSet that holds its template. */
export interface RevisionHistory {
  /** Revision to ReplicaSet; where two ReplicaSets claim a revision, the later one in kubectl's order. */
  revisions: Map<number, ReplicaSetObject>;
  /** One line per ReplicaSet left out because its revision cannot be read. */
  warnings: string[];
}

/**
 * The revisions of a Deployment's ReplicaSets (given in kubectl's order, see
 * `orderReplicaSets`); a ReplicaSet without the annotation is revision 0.
 */
export function revisionHistory(deployment: DeploymentObject, replicaSets: readonly ReplicaSetObject[]): RevisionHistory {
  const revisions = new Map<number, ReplicaSetObject>();
  const warnings: string[] = [];
  for (const replicaSet of replicaSets) {
    const read = revisionOf(replicaSet.metadata.annotations);
    if (read.ok) revisions.set(read.revision, replicaSet);
    else {
      const { name, namespace = "" } = deployment.metadata;
      warnings.push(`unable to get revision from replicaset ${replicaSet.metadata.name} for deployment ${name} in namespace ${namespace}: ${read.error}`);
    }
  }
  return { revisions, warnings };
}

/**
 * What `rollout history` prints under the Deployment's name: the table of
 * revisions and change causes, or with `revision` > 0 that revision's pod
 * template (its change cause among the template's annotations).
 *
 * @throws RolloutError when `revision` is not in the history.
 *
 * @example
 * historyText(history, 0); // "REVISION  CHANGE-CAUSE\n1         <none>\n2         scale up\n"
 */
export function historyText(history: RevisionHistory, revision: number): string {
  if (history.revisions.size === 0) return "No rollout history found.";
  if (revision > 0) {
    const replicaSet = history.revisions.get(revision);
    if (replicaSet === undefined) throw new RolloutError("unable to find the specified revision");
    return describePodTemplate(templateWithChangeCause(replicaSet));
  }
  const writer = new TabWriter(describeLayout);
  writer.write("REVISION\tCHANGE-CAUSE\n");
  for (const number of [...history.revisions.keys()].sort((a, b) => a - b)) {
    const cause = history.revisions.get(number)?.metadata.annotations?.[changeCauseAnnotation];
    writer.write(`${number}\t${cause || "<none>"}\n`);
  }
  return writer.flush();
}

function templateWithChangeCause(replicaSet: ReplicaSetObject): PodTemplateSpec {
  const parsed = parseWith(podTemplateSpecSchema, replicaSet.spec.template, "ignore");
  if (!parsed.ok) {
    const problems = parsed.errors.map((error) => formatFieldError(error)).join("; ");
    throw new RolloutError(`the pod template of replicaset ${replicaSet.metadata.name} cannot be read: ${problems}`);
  }
  const template = parsed.value;
  const cause = replicaSet.metadata.annotations?.[changeCauseAnnotation];
  if (cause) template.metadata.annotations = { ...template.metadata.annotations, [changeCauseAnnotation]: cause };
  return template;
}
