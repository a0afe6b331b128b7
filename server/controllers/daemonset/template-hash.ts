import { podTemplateHash } from "../workload/template-hash.js";

/** The label naming the revision of the template a daemon pod was made from. */
export const revisionHashLabel = "controller-revision-hash";
/** The label with the DaemonSet's template generation a pod was made from. */
export const templateGenerationLabel = "pod-template-generation";

/**
 * The `controller-revision-hash` of a template (Kubernetes' ComputeHash).
 * skiff has no ControllerRevision kind: the hash of the template itself
 * names the revision.
 */
export function templateHash(template: unknown, collisionCount = 0): string {
  return podTemplateHash(template, collisionCount > 0 ? collisionCount : undefined);
}
