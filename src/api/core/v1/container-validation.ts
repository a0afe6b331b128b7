import { duplicate, forbidden, invalid, notFound, notSupported, required, type FieldError } from "../../validation/field-error.js";
import type { FieldPath } from "../../validation/field-path.js";
import { isValidPortName, isValidPortNum } from "../../validation/names.js";
import { validateDNS1123Label } from "../../validation/string-fields.js";
import type { Container, ContainerPort, VolumeMount } from "./container.js";
import { validateEnv, validateEnvFrom } from "./env-validation.js";
import { validateLocalDescendingPath } from "./local-paths.js";
import { validateLifecycle, validateLivenessOrStartupProbe, validateReadinessProbe } from "./probe-validation.js";
import { validateResourceRequirements } from "./resources-validation.js";
import { validateSecurityContext } from "./security-context-validation.js";

export const PORT_PROTOCOLS = ["SCTP", "TCP", "UDP"];
const PULL_POLICIES = ["Always", "IfNotPresent", "Never"];
const TERMINATION_MESSAGE_POLICIES = ["File", "FallbackToLogsOnError"];
const MOUNT_PROPAGATIONS = ["Bidirectional", "HostToContainer", "None"];
const RECURSIVE_READ_ONLY_MODES = ["Disabled", "IfPossible", "Enabled"];

/** What the containers of one pod share: its valid volumes and its grace period. */
export interface ContainerContext {
  volumes: ReadonlySet<string>;
  gracePeriod: number | undefined;
}

function validateContainerPorts(ports: readonly ContainerPort[], path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const at = path.index(i);
    if (port.name) {
      const messages = isValidPortName(port.name);
      if (messages.length > 0) errors.push(...messages.map((message) => invalid(at.child("name"), port.name, message)));
      else if (names.has(port.name)) errors.push(duplicate(at.child("name"), port.name));
      else names.add(port.name);
    }
    if (port.containerPort === 0) errors.push(required(at.child("containerPort")));
    else for (const message of isValidPortNum(port.containerPort)) errors.push(invalid(at.child("containerPort"), port.containerPort, message));
    if (port.hostPort) {
      for (const message of isValidPortNum(port.hostPort)) errors.push(invalid(at.child("hostPort"), port.hostPort, message));
    }
    if (!port.protocol) errors.push(required(at.child("protocol")));
    else if (!PORT_PROTOCOLS.includes(port.protocol)) errors.push(notSupported(at.child("protocol"), port.protocol, PORT_PROTOCOLS));
  });
  return errors;
}

/**
 * Mounts must name a valid volume of the pod and a unique mount path.
 * Kubernetes reports subPath problems on the list's path, unindexed; so do we.
 */
function validateVolumeMounts(container: Container, volumes: ReadonlySet<string>, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const mountPaths = new Set<string>();
  const devices = container.volumeDevices ?? [];
  (container.volumeMounts ?? []).forEach((mount: VolumeMount, i) => {
    const at = path.index(i);
    if (!mount.name) errors.push(required(at.child("name")));
    if (!volumes.has(mount.name)) errors.push(notFound(at.child("name"), mount.name));
    if (!mount.mountPath) errors.push(required(at.child("mountPath")));
    if (mountPaths.has(mount.mountPath)) errors.push(invalid(at.child("mountPath"), mount.mountPath, "must be unique"));
    mountPaths.add(mount.mountPath);
    if (devices.some((device) => device.name === mount.name)) {
      errors.push(invalid(at.child("name"), mount.name, "must not already exist in volumeDevices"));
    }
    if (devices.some((device) => device.devicePath === mount.mountPath)) {
      errors.push(invalid(at.child("mountPath"), mount.mountPath, "must not already exist as a path in volumeDevices"));
    }
    if (mount.subPath) errors.push(...validateLocalDescendingPath(mount.subPath, path.child("subPath")));
    if (mount.subPathExpr) {
      if (mount.subPath) errors.push(invalid(at.child("subPathExpr"), mount.subPathExpr, "subPathExpr and subPath are mutually exclusive"));
      errors.push(...validateLocalDescendingPath(mount.subPathExpr, path.child("subPathExpr")));
    }
    const propagation = mount.mountPropagation;
    if (propagation !== undefined) {
      if (!MOUNT_PROPAGATIONS.includes(propagation)) {
        errors.push(notSupported(path.child("mountPropagation"), propagation, MOUNT_PROPAGATIONS));
      } else if (propagation === "Bidirectional" && container.securityContext?.privileged !== true) {
        errors.push(forbidden(path.child("mountPropagation"), "Bidirectional mount propagation is available only to privileged containers"));
      }
    }
    const recursive = mount.recursiveReadOnly;
    if (recursive !== undefined) {
      const recursivePath = path.child("recursiveReadOnly");
      if (!RECURSIVE_READ_ONLY_MODES.includes(recursive)) errors.push(notSupported(recursivePath, recursive, RECURSIVE_READ_ONLY_MODES));
      else if (recursive !== "Disabled" && mount.readOnly !== true) {
        errors.push(forbidden(recursivePath, "may only be specified when readOnly is true"));
      }
    }
  });
  return errors;
}

/** What every container kind must satisfy: name, image, ports, env, mounts, resources, security. */
function validateContainerCommon(container: Container, context: ContainerContext, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  if (!container.name) errors.push(required(path.child("name")));
  else errors.push(...validateDNS1123Label(container.name, path.child("name")));
  if (!container.image) errors.push(required(path.child("image")));
  const messagePolicy = container.terminationMessagePolicy ?? "";
  if (messagePolicy === "") errors.push(required(path.child("terminationMessagePolicy")));
  else if (!TERMINATION_MESSAGE_POLICIES.includes(messagePolicy)) {
    errors.push(notSupported(path.child("terminationMessagePolicy"), messagePolicy, TERMINATION_MESSAGE_POLICIES));
  }
  errors.push(...validateContainerPorts(container.ports ?? [], path.child("ports")));
  errors.push(...validateEnv(container.env ?? [], path.child("env")));
  errors.push(...validateEnvFrom(container.envFrom ?? [], path.child("envFrom")));
  errors.push(...validateVolumeMounts(container, context.volumes, path.child("volumeMounts")));
  const pullPolicy = container.imagePullPolicy ?? "";
  if (pullPolicy === "") errors.push(required(path.child("imagePullPolicy")));
  else if (!PULL_POLICIES.includes(pullPolicy)) errors.push(notSupported(path.child("imagePullPolicy"), pullPolicy, PULL_POLICIES));
  if (container.resources) errors.push(...validateResourceRequirements(container.resources, path.child("resources")));
  errors.push(...validateSecurityContext(container.securityContext, path.child("securityContext")));
  return errors;
}

/** Probes and hooks, allowed on regular containers and on restartable (sidecar) init containers. */
function validateProbesAndLifecycle(container: Container, context: ContainerContext, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  if (container.lifecycle) errors.push(...validateLifecycle(container.lifecycle, context.gracePeriod, path.child("lifecycle")));
  errors.push(...validateLivenessOrStartupProbe(container.livenessProbe, path.child("livenessProbe")));
  errors.push(...validateReadinessProbe(container.readinessProbe, path.child("readinessProbe")));
  errors.push(...validateLivenessOrStartupProbe(container.startupProbe, path.child("startupProbe")));
  return errors;
}

/** No two ports of these containers may claim the same hostIP/protocol/hostPort. */
function validateHostPortConflicts(containers: readonly { container: Container; path: FieldPath }[]): FieldError[] {
  const errors: FieldError[] = [];
  const claimed = new Set<string>();
  for (const { container, path } of containers) {
    (container.ports ?? []).forEach((port, i) => {
      if (!port.hostPort) return;
      const key = `${port.hostIP ?? ""}/${port.protocol ?? ""}/${port.hostPort}`;
      if (claimed.has(key)) errors.push(duplicate(path.child("ports").index(i).child("hostPort"), key));
      else claimed.add(key);
    });
  }
  return errors;
}

/** A pod's containers: at least one, names unique, each valid, host ports not shared. */
export function validateContainers(containers: readonly Container[], context: ContainerContext, path: FieldPath): FieldError[] {
  if (containers.length === 0) return [required(path)];
  const errors: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((container, i) => {
    const at = path.index(i);
    errors.push(...validateContainerCommon(container, context, at));
    if (names.has(container.name)) errors.push(duplicate(at.child("name"), container.name));
    else names.add(container.name);
    errors.push(...validateProbesAndLifecycle(container, context, at));
    if (container.restartPolicy !== undefined) errors.push(forbidden(at.child("restartPolicy"), "may not be set for non-init containers"));
  });
  errors.push(...validateHostPortConflicts(containers.map((container, i) => ({ container, path: path.index(i) }))));
  return errors;
}

/**
 * A pod's init containers: names unique across init and regular containers;
 * probes and hooks only on sidecars (restartPolicy Always).
 */
export function validateInitContainers(
  initContainers: readonly Container[],
  containers: readonly Container[],
  context: ContainerContext,
  path: FieldPath,
): FieldError[] {
  const errors: FieldError[] = [];
  const names = new Set(containers.map((container) => container.name));
  initContainers.forEach((container, i) => {
    const at = path.index(i);
    errors.push(...validateContainerCommon(container, context, at));
    const policy = container.restartPolicy;
    if (policy !== undefined && policy !== "Always") errors.push(notSupported(at.child("restartPolicy"), policy, ["Always"]));
    if (names.has(container.name)) errors.push(duplicate(at.child("name"), container.name));
    else if (container.name) names.add(container.name);
    // Init containers run one at a time, so only ports within one can conflict.
    errors.push(...validateHostPortConflicts([{ container, path: at }]));
    if (policy === "Always") {
      errors.push(...validateProbesAndLifecycle(container, context, at));
      return;
    }
    const notForInit = "may not be set for init containers without restartPolicy=Always";
    if (container.lifecycle) errors.push(forbidden(at.child("lifecycle"), notForInit));
    if (container.livenessProbe) errors.push(forbidden(at.child("livenessProbe"), notForInit));
    if (container.readinessProbe) errors.push(forbidden(at.child("readinessProbe"), "may not be set for init containers"));
    if (container.startupProbe) errors.push(forbidden(at.child("startupProbe"), notForInit));
  });
  return errors;
}
