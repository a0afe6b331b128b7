import { validateObjectMetaUpdate } from "../../meta/v1/object-meta-validation.js";
import { changedPaths, semanticEqual } from "../../validation/common.js";
import { forbidden, invalid, type FieldError } from "../../validation/field-error.js";
import { root, type FieldPath } from "../../validation/field-path.js";
import type { Container } from "./container.js";
import type { Pod } from "./pod.js";
import type { PodSpec } from "./pod-spec.js";
import type { Toleration } from "./scheduling.js";
import { validateTolerations } from "./scheduling-validation.js";

const INT32_MAX = 2147483647;
const MUTABLE_FIELDS =
  "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

/** The new spec with every field a pod may change set back to the old value. */
function withMutableFieldsFromOld(spec: PodSpec, old: PodSpec): PodSpec {
  const keepImages = (containers: Container[] | undefined, oldContainers: Container[] | undefined): Container[] | undefined =>
    containers?.map((container, i) => ({ ...container, image: oldContainers?.[i]?.image ?? container.image }));
  const munged: PodSpec = {
    ...spec,
    containers: keepImages(spec.containers, old.containers) ?? [],
    initContainers: keepImages(spec.initContainers, old.initContainers),
    activeDeadlineSeconds: old.activeDeadlineSeconds,
    tolerations: old.tolerations,
    schedulingGates: old.schedulingGates,
  };
  const oldGrace = old.terminationGracePeriodSeconds;
  if (oldGrace !== undefined && oldGrace < 0 && spec.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = oldGrace;
  return munged;
}

function validateOnlyAddedTolerations(tolerations: Toleration[], old: Toleration[], path: FieldPath): FieldError[] {
  for (const previous of old) {
    const kept = tolerations.some((toleration) =>
      semanticEqual({ ...previous, tolerationSeconds: toleration.tolerationSeconds }, toleration),
    );
    if (!kept) return [forbidden(path, "existing toleration can not be modified except its tolerationSeconds")];
  }
  return validateTolerations(tolerations, path);
}

/** The only change to schedulingGates a pod may see is removing some. */
function validateOnlyRemovedSchedulingGates(gates: PodSpec["schedulingGates"], old: PodSpec["schedulingGates"], path: FieldPath): FieldError[] {
  const oldNames = new Set((old ?? []).map((gate) => gate.name));
  const errors: FieldError[] = [];
  (gates ?? []).forEach((gate, i) => {
    if (oldNames.has(gate.name)) return;
    errors.push(forbidden(path.index(i).child("name"), `only deletion is allowed, but found new scheduling gate '${gate.name}'`));
  });
  return errors;
}

function validateActiveDeadlineUpdate(value: number | undefined, old: number | undefined, path: FieldPath): FieldError[] {
  if (value === undefined) {
    return old === undefined ? [] : [invalid(path, null, "must not update from a positive integer to nil value")];
  }
  if (value < 0 || value > INT32_MAX) return [invalid(path, value, `must be between 0 and ${INT32_MAX}, inclusive`)];
  if (old !== undefined && old < value) return [invalid(path, value, "must be less than or equal to previous value")];
  return [];
}

/**
 * The rules a pod update must keep beyond those of a valid pod: a pod's
 * spec is fixed once created, except container images, a shorter
 * activeDeadlineSeconds, added tolerations and removed scheduling gates.
 */
export function validatePodUpdate(pod: Pod, old: Pod): FieldError[] {
  const spec = root("spec");
  const errors = validateObjectMetaUpdate(pod.metadata, old.metadata, root("metadata"));
  if (pod.spec.containers.length !== old.spec.containers.length) {
    errors.push(forbidden(spec.child("containers"), "pod updates may not add or remove containers"));
  } else if ((pod.spec.initContainers ?? []).length !== (old.spec.initContainers ?? []).length) {
    errors.push(forbidden(spec.child("initContainers"), "pod updates may not add or remove containers"));
  } else {
    const changed = changedPaths(old.spec, withMutableFieldsFromOld(pod.spec, old.spec), spec);
    if (changed.length > 0) {
      errors.push(forbidden(spec, `pod updates may not change fields other than ${MUTABLE_FIELDS}\nchanged: ${changed.join(", ")}`));
    }
  }
  errors.push(...validateOnlyAddedTolerations(pod.spec.tolerations ?? [], old.spec.tolerations ?? [], spec.child("tolerations")));
  errors.push(...validateOnlyRemovedSchedulingGates(pod.spec.schedulingGates, old.spec.schedulingGates, spec.child("schedulingGates")));
  errors.push(...validateActiveDeadlineUpdate(pod.spec.activeDeadlineSeconds, old.spec.activeDeadlineSeconds, spec.child("activeDeadlineSeconds")));
  return errors;
}
