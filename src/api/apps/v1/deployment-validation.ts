import { validateObjectMeta, validateObjectMetaUpdate } from "../../meta/v1/object-meta-validation.js";
import { validateImmutableSelector, validateNonnegativeField } from "../../validation/common.js";
import { forbidden, invalid, notSupported, required, type FieldError } from "../../validation/field-error.js";
import { root } from "../../validation/field-path.js";
import { nameIsDNSSubdomain } from "../../validation/object-names.js";
import type { Deployment, DeploymentStrategy } from "./deployment.js";
import { intOrPercentValue, validateNotMoreThan100Percent, validatePositiveIntOrPercent } from "./int-or-percent.js";
import { validateReplicatedTemplate, validateRequiredSelector } from "./replicated-template.js";

const spec = root("spec");

function validateStrategy(strategy: DeploymentStrategy | undefined): FieldError[] {
  const path = spec.child("strategy");
  const type = strategy?.type ?? "";
  if (type === "Recreate") {
    return strategy?.rollingUpdate ? [forbidden(path.child("rollingUpdate"), "may not be specified when strategy `type` is 'Recreate'")] : [];
  }
  if (type !== "RollingUpdate") return [notSupported(path, strategy ?? {}, ["Recreate", "RollingUpdate"])];
  const rollingUpdate = strategy?.rollingUpdate;
  const rollingPath = path.child("rollingUpdate");
  if (!rollingUpdate) return [required(rollingPath, "this should be defaulted and never be nil")];
  const maxUnavailable = rollingUpdate.maxUnavailable ?? 0;
  const maxSurge = rollingUpdate.maxSurge ?? 0;
  const errors = validatePositiveIntOrPercent(maxUnavailable, rollingPath.child("maxUnavailable"));
  errors.push(...validatePositiveIntOrPercent(maxSurge, rollingPath.child("maxSurge")));
  if (intOrPercentValue(maxUnavailable) === 0 && intOrPercentValue(maxSurge) === 0) {
    errors.push(invalid(rollingPath.child("maxUnavailable"), maxUnavailable, "may not be 0 when `maxSurge` is 0"));
  }
  errors.push(...validateNotMoreThan100Percent(maxUnavailable, rollingPath.child("maxUnavailable")));
  return errors;
}

/** Validates a Deployment as Kubernetes' ValidateDeployment does. */
export function validateDeployment(deployment: Deployment): FieldError[] {
  const deploymentSpec = deployment.spec;
  const errors = validateObjectMeta(deployment.metadata, { namespaced: true, name: nameIsDNSSubdomain }, root("metadata"));
  errors.push(...validateNonnegativeField(deploymentSpec.replicas, spec.child("replicas")));
  errors.push(...validateRequiredSelector(deploymentSpec.selector, spec.child("selector"), "deployment"));
  errors.push(...validateReplicatedTemplate(deploymentSpec.template, deploymentSpec.selector, spec.child("template"), "ReplicaSet"));
  errors.push(...validateStrategy(deploymentSpec.strategy));
  errors.push(...validateNonnegativeField(deploymentSpec.minReadySeconds, spec.child("minReadySeconds")));
  errors.push(...validateNonnegativeField(deploymentSpec.revisionHistoryLimit, spec.child("revisionHistoryLimit")));
  const deadline = deploymentSpec.progressDeadlineSeconds;
  if (deadline !== undefined) {
    errors.push(...validateNonnegativeField(deadline, spec.child("progressDeadlineSeconds")));
    if (deadline <= (deploymentSpec.minReadySeconds ?? 0)) {
      errors.push(invalid(spec.child("progressDeadlineSeconds"), deadline, "must be greater than minReadySeconds"));
    }
  }
  return errors;
}

/** A Deployment's selector never changes (apps/v1). */
export function validateDeploymentUpdate(deployment: Deployment, old: Deployment): FieldError[] {
  const errors = validateObjectMetaUpdate(deployment.metadata, old.metadata, root("metadata"));
  errors.push(...validateImmutableSelector(deployment.spec.selector, old.spec.selector, spec.child("selector")));
  return errors;
}
