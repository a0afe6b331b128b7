import type { Container } from "./container.js";
import type { EnvVar } from "./env.js";
import type { Pod } from "./pod.js";
import type { PodSpec } from "./pod-spec.js";
import type { PodTemplateSpec } from "./pod-template.js";
import type { HTTPGetAction, LifecycleHandler, Probe } from "./probe.js";
import { canonicalQuantity, canonicalResourceList } from "./quantities.js";
import { VOLUME_SOURCES, type DownwardAPIVolumeFile, type Volume } from "./volume.js";

/*
 * Kubernetes' defaulting for pods (pkg/apis/core/v1/defaults.go). The
 * set*Defaults functions fill absent fields in place, on objects that were
 * just decoded and belong to no one else.
 */

/** Mode 0644 for files of Secret, ConfigMap, downward API and projected volumes. */
export const DEFAULT_VOLUME_FILE_MODE = 0o644;
export const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;
export const DEFAULT_SCHEDULER_NAME = "default-scheduler";
export const DEFAULT_TERMINATION_MESSAGE_PATH = "/dev/termination-log";
/** A projected service account token lives an hour unless asked otherwise. */
const DEFAULT_TOKEN_EXPIRATION_SECONDS = 3600;

/** The tag of an image reference, and whether it pins a digest: `nginx:1.25` → "1.25", `nginx` → undefined. */
function imageTagAndDigest(image: string): { tag?: string; digest: boolean } {
  const at = image.indexOf("@");
  const name = at >= 0 ? image.slice(0, at) : image;
  const colon = name.lastIndexOf(":");
  const tag = colon > name.lastIndexOf("/") ? name.slice(colon + 1) : undefined;
  return tag === undefined ? { digest: at >= 0 } : { tag, digest: at >= 0 };
}

/**
 * The pull policy Kubernetes picks when none is given: Always for `:latest`
 * or an untagged image, IfNotPresent for a tag or a digest.
 */
export function defaultImagePullPolicy(image: string | undefined): "Always" | "IfNotPresent" {
  if (!image) return "IfNotPresent";
  const { tag, digest } = imageTagAndDigest(image);
  if (tag === "latest" || (tag === undefined && !digest)) return "Always";
  return "IfNotPresent";
}

function setHTTPGetDefaults(action: HTTPGetAction | undefined): void {
  if (!action) return;
  action.path ||= "/";
  action.scheme ||= "HTTP";
}

function setProbeDefaults(probe: Probe | undefined): void {
  if (!probe) return;
  probe.timeoutSeconds ||= 1;
  probe.periodSeconds ||= 10;
  probe.successThreshold ||= 1;
  probe.failureThreshold ||= 3;
  setHTTPGetDefaults(probe.httpGet);
}

function setLifecycleHandlerDefaults(handler: LifecycleHandler | undefined): void {
  setHTTPGetDefaults(handler?.httpGet);
}

function setEnvDefaults(env: EnvVar[] | undefined): void {
  for (const variable of env ?? []) {
    const fieldRef = variable.valueFrom?.fieldRef;
    if (fieldRef) fieldRef.apiVersion ||= "v1";
    const resourceRef = variable.valueFrom?.resourceFieldRef;
    if (resourceRef?.divisor !== undefined) resourceRef.divisor = canonicalQuantity(resourceRef.divisor);
  }
}

/** Defaults of one container (also an init container). */
export function setContainerDefaults(container: Container): void {
  container.imagePullPolicy ||= defaultImagePullPolicy(container.image);
  container.terminationMessagePath ||= DEFAULT_TERMINATION_MESSAGE_PATH;
  container.terminationMessagePolicy ||= "File";
  for (const port of container.ports ?? []) port.protocol ||= "TCP";
  setEnvDefaults(container.env);
  setProbeDefaults(container.livenessProbe);
  setProbeDefaults(container.readinessProbe);
  setProbeDefaults(container.startupProbe);
  setLifecycleHandlerDefaults(container.lifecycle?.postStart);
  setLifecycleHandlerDefaults(container.lifecycle?.preStop);
  const resources = container.resources;
  if (resources?.limits) resources.limits = canonicalResourceList(resources.limits);
  if (resources?.requests) resources.requests = canonicalResourceList(resources.requests);
}

function setDownwardAPIFileDefaults(items: DownwardAPIVolumeFile[] | undefined): void {
  for (const item of items ?? []) {
    if (item.fieldRef) item.fieldRef.apiVersion ||= "v1";
    if (item.resourceFieldRef?.divisor !== undefined) {
      item.resourceFieldRef.divisor = canonicalQuantity(item.resourceFieldRef.divisor);
    }
  }
}

/** Defaults of one volume: no source means an emptyDir; file modes 0644. */
export function setVolumeDefaults(volume: Volume): void {
  if (!VOLUME_SOURCES.some((source) => volume[source] !== undefined)) volume.emptyDir = {};
  const { hostPath, secret, configMap, downwardAPI, projected } = volume;
  if (volume.emptyDir?.sizeLimit !== undefined) volume.emptyDir.sizeLimit = canonicalQuantity(volume.emptyDir.sizeLimit);
  if (hostPath) hostPath.type ??= "";
  if (secret) secret.defaultMode ??= DEFAULT_VOLUME_FILE_MODE;
  if (configMap) configMap.defaultMode ??= DEFAULT_VOLUME_FILE_MODE;
  if (downwardAPI) {
    downwardAPI.defaultMode ??= DEFAULT_VOLUME_FILE_MODE;
    setDownwardAPIFileDefaults(downwardAPI.items);
  }
  if (projected) {
    projected.defaultMode ??= DEFAULT_VOLUME_FILE_MODE;
    for (const source of projected.sources ?? []) {
      setDownwardAPIFileDefaults(source.downwardAPI?.items);
      if (source.serviceAccountToken) source.serviceAccountToken.expirationSeconds ??= DEFAULT_TOKEN_EXPIRATION_SECONDS;
    }
  }
}

/**
 * Defaults of a PodSpec, wherever it sits (a Pod or a controller's
 * template): restartPolicy Always, dnsPolicy ClusterFirst, a 30 s grace
 * period, the default scheduler, and the defaults of every container and
 * volume.
 */
export function setPodSpecDefaults(spec: PodSpec): void {
  spec.dnsPolicy ||= "ClusterFirst";
  spec.restartPolicy ||= "Always";
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS;
  spec.schedulerName ||= DEFAULT_SCHEDULER_NAME;
  // serviceAccount is the deprecated spelling; the two always agree once stored.
  spec.serviceAccountName ||= spec.serviceAccount;
  if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
  for (const container of spec.initContainers ?? []) setContainerDefaults(container);
  for (const container of spec.containers) setContainerDefaults(container);
  for (const volume of spec.volumes ?? []) setVolumeDefaults(volume);
  if (spec.overhead) spec.overhead = canonicalResourceList(spec.overhead);
}

/** Defaults of a pod template: those of its PodSpec. */
export function setPodTemplateSpecDefaults(template: PodTemplateSpec): void {
  setPodSpecDefaults(template.spec);
}

/** Requests that are not given default to the limits. */
function defaultRequestsToLimits(container: Container): void {
  const limits = container.resources?.limits;
  if (!container.resources || !limits) return;
  const requests = (container.resources.requests ??= {});
  for (const [name, limit] of Object.entries(limits)) {
    if (!Object.hasOwn(requests, name)) requests[name] = limit;
  }
}

/**
 * Defaults of a Pod: those of its spec, and the ones Kubernetes gives only
 * to real pods, not templates: requests from limits, enableServiceLinks, and
 * with hostNetwork every container port also a host port.
 */
export function setPodDefaults(pod: Pod): void {
  const spec = pod.spec;
  setPodSpecDefaults(spec);
  for (const container of [...spec.containers, ...(spec.initContainers ?? [])]) {
    defaultRequestsToLimits(container);
    if (spec.hostNetwork) {
      for (const port of container.ports ?? []) port.hostPort ||= port.containerPort;
    }
  }
  spec.enableServiceLinks ??= true;
}
