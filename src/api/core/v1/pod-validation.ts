import { validateObjectMeta } from "../../meta/v1/object-meta-validation.js";
import { validateNonnegativeField } from "../../validation/common.js";
import { duplicate, forbidden, invalid, notSupported, required, type FieldError } from "../../validation/field-error.js";
import { root, type FieldPath } from "../../validation/field-path.js";
import { isDNS1123Subdomain, validateAnnotations, validateLabels } from "../../validation/names.js";
import { nameIsDNSSubdomain } from "../../validation/object-names.js";
import {
  validateDNS1123Label,
  validateDNS1123Subdomain,
  validateLegacyIP,
  validateQualifiedName,
} from "../../validation/string-fields.js";
import { validateContainers, validateInitContainers } from "./container-validation.js";
import type { Pod } from "./pod.js";
import type { PodDNSConfig, PodSpec } from "./pod-spec.js";
import type { PodTemplateSpec } from "./pod-template.js";
import { validateResourceList } from "./resources-validation.js";
import { validatePodSecurityContext } from "./security-context-validation.js";
import { validateAffinity, validateTolerations, validateTopologySpreadConstraints } from "./scheduling-validation.js";
import { validateVolumes } from "./volume-validation.js";

export const RESTART_POLICIES = ["Always", "OnFailure", "Never"];
const DNS_POLICIES = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];
const PREEMPTION_POLICIES = ["PreemptLowerPriority", "Never"];
const MAX_DNS_NAMESERVERS = 3;
const MAX_DNS_SEARCH_PATHS = 32;
const MAX_DNS_SEARCH_LIST_CHARS = 2048;
const INT32_MAX = 2147483647;

/** Where a PodSpec sits: a real pod (defaults applied) or a controller's template. */
export interface PodSpecContext {
  isPod: boolean;
}

function validateRestartPolicy(policy: string | undefined, path: FieldPath): FieldError[] {
  if (!policy) return [required(path)];
  return RESTART_POLICIES.includes(policy) ? [] : [notSupported(path, policy, RESTART_POLICIES)];
}

function validateDNSPolicy(policy: string | undefined, path: FieldPath): FieldError[] {
  if (!policy) return [required(path)];
  return DNS_POLICIES.includes(policy) ? [] : [notSupported(path, policy, DNS_POLICIES)];
}

function validateDNSConfig(config: PodDNSConfig | undefined, policy: string | undefined, path: FieldPath): FieldError[] {
  if (policy === "None") {
    if (!config) return [required(path, "must provide `dnsConfig` when `dnsPolicy` is None")];
    if (!config.nameservers || config.nameservers.length === 0) {
      return [required(path.child("nameservers"), "must provide at least one DNS nameserver when `dnsPolicy` is None")];
    }
  }
  if (!config) return [];
  const errors: FieldError[] = [];
  const nameservers = config.nameservers ?? [];
  if (nameservers.length > MAX_DNS_NAMESERVERS) {
    errors.push(invalid(path.child("nameservers"), nameservers, `must not have more than ${MAX_DNS_NAMESERVERS} nameservers`));
  }
  nameservers.forEach((server, i) => errors.push(...validateLegacyIP(server, path.child("nameservers").index(i))));
  const searches = config.searches ?? [];
  if (searches.length > MAX_DNS_SEARCH_PATHS) {
    errors.push(invalid(path.child("searches"), searches, `must not have more than ${MAX_DNS_SEARCH_PATHS} search paths`));
  }
  if (searches.join(" ").length > MAX_DNS_SEARCH_LIST_CHARS) {
    errors.push(
      invalid(path.child("searches"), searches, `must not have more than ${MAX_DNS_SEARCH_LIST_CHARS} characters (including spaces) in the search list`),
    );
  }
  // A trailing dot (fully qualified) is fine.
  searches.forEach((search, i) =>
    errors.push(...validateDNS1123Subdomain(search.replace(/\.$/, ""), path.child("searches").index(i))),
  );
  (config.options ?? []).forEach((option, i) => {
    if (!option.name) errors.push(required(path.child("options").index(i), "must not be empty"));
  });
  return errors;
}

/** With hostNetwork the host port is the container port; a template may leave it 0 (a pod gets it by default). */
function validateHostNetworkPorts(spec: PodSpec, context: PodSpecContext, path: FieldPath): FieldError[] {
  if (!spec.hostNetwork) return [];
  const errors: FieldError[] = [];
  spec.containers.forEach((container, i) => {
    (container.ports ?? []).forEach((port, j) => {
      const hostPort = port.hostPort ?? 0;
      if (hostPort !== port.containerPort && (context.isPod || hostPort !== 0)) {
        errors.push(
          invalid(
            path.child("containers").index(i).child("ports").index(j).child("containerPort"),
            port.containerPort,
            "must match `hostPort` when `hostNetwork` is true",
          ),
        );
      }
    });
  });
  return errors;
}

/** Names a pod refers to: service account, node, priority and runtime class. */
function validateReferencedNames(spec: PodSpec, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const references: [string, string | undefined][] = [
    ["serviceAccountName", spec.serviceAccountName],
    ["nodeName", spec.nodeName],
  ];
  for (const [field, value] of references) {
    if (!value) continue;
    for (const message of isDNS1123Subdomain(value)) errors.push(invalid(path.child(field), value, message));
  }
  return errors;
}

/**
 * Validates a PodSpec as Kubernetes' ValidatePodSpec does, returning every
 * problem with its path under `path` (`spec` or `spec.template.spec`).
 */
export function validatePodSpec(spec: PodSpec, context: PodSpecContext, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const volumes = validateVolumes(spec.volumes ?? [], path.child("volumes"));
  errors.push(...volumes.errors);
  const containerContext = { volumes: volumes.names, gracePeriod: spec.terminationGracePeriodSeconds };
  errors.push(...validateContainers(spec.containers, containerContext, path.child("containers")));
  errors.push(...validateInitContainers(spec.initContainers ?? [], spec.containers, containerContext, path.child("initContainers")));
  errors.push(...validateHostNetworkPorts(spec, context, path));
  errors.push(...validateRestartPolicy(spec.restartPolicy, path.child("restartPolicy")));
  errors.push(...validateDNSPolicy(spec.dnsPolicy, path.child("dnsPolicy")));
  if (spec.nodeSelector) errors.push(...validateLabels(spec.nodeSelector, path.child("nodeSelector")));
  errors.push(...validatePodSecurityContext(spec.securityContext, spec, path));
  errors.push(...validateAffinity(spec.affinity, path.child("affinity")));
  errors.push(...validateDNSConfig(spec.dnsConfig, spec.dnsPolicy, path.child("dnsConfig")));
  (spec.readinessGates ?? []).forEach((gate, i) =>
    errors.push(...validateQualifiedName(gate.conditionType, path.child("readinessGates").index(i).child("conditionType"))),
  );
  const gates = new Set<string>();
  (spec.schedulingGates ?? []).forEach((gate, i) => {
    const at = path.child("schedulingGates").index(i);
    errors.push(...validateQualifiedName(gate.name, at.child("name")));
    if (gates.has(gate.name)) errors.push(duplicate(at, gate.name));
    gates.add(gate.name);
  });
  errors.push(...validateTopologySpreadConstraints(spec.topologySpreadConstraints ?? [], path.child("topologySpreadConstraints")));
  errors.push(...validateReferencedNames(spec, path));
  errors.push(...validateNonnegativeField(spec.terminationGracePeriodSeconds, path.child("terminationGracePeriodSeconds")));
  const deadline = spec.activeDeadlineSeconds;
  if (deadline !== undefined && (deadline < 1 || deadline > INT32_MAX)) {
    errors.push(invalid(path.child("activeDeadlineSeconds"), deadline, `must be between 1 and ${INT32_MAX}, inclusive`));
  }
  if (spec.hostname) errors.push(...validateDNS1123Label(spec.hostname, path.child("hostname")));
  if (spec.subdomain) errors.push(...validateDNS1123Label(spec.subdomain, path.child("subdomain")));
  errors.push(...validateTolerations(spec.tolerations ?? [], path.child("tolerations")));
  (spec.hostAliases ?? []).forEach((alias, i) => {
    const at = path.child("hostAliases").index(i);
    errors.push(...validateLegacyIP(alias.ip, at.child("ip")));
    (alias.hostnames ?? []).forEach((hostname, j) => errors.push(...validateDNS1123Subdomain(hostname, at.child("hostnames").index(j))));
  });
  for (const [field, value] of [
    ["priorityClassName", spec.priorityClassName],
    ["runtimeClassName", spec.runtimeClassName],
  ] as const) {
    if (value === undefined || (field === "priorityClassName" && value === "")) continue;
    for (const message of nameIsDNSSubdomain(value, false)) errors.push(invalid(path.child(field), value, message));
  }
  if (spec.preemptionPolicy !== undefined && !PREEMPTION_POLICIES.includes(spec.preemptionPolicy)) {
    errors.push(notSupported(path.child("preemptionPolicy"), spec.preemptionPolicy, PREEMPTION_POLICIES));
  }
  if (spec.overhead) errors.push(...validateResourceList(spec.overhead, path.child("overhead")));
  if (spec.os && spec.os.name !== "linux" && spec.os.name !== "windows") {
    errors.push(notSupported(path.child("os").child("name"), spec.os.name, ["linux", "windows"]));
  }
  return errors;
}

/**
 * Validates a pod template (`spec.template` of a controller). Kubernetes
 * reports the template's labels and annotations as `spec.template.labels`,
 * without `metadata`; so do we.
 */
export function validatePodTemplateSpec(template: PodTemplateSpec, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  if (template.metadata.labels) errors.push(...validateLabels(template.metadata.labels, path.child("labels")));
  if (template.metadata.annotations) errors.push(...validateAnnotations(template.metadata.annotations, path.child("annotations")));
  errors.push(...validatePodSpec(template.spec, { isPod: false }, path.child("spec")));
  return errors;
}

/** Validates a Pod before it is created. */
export function validatePod(pod: Pod): FieldError[] {
  const spec = root("spec");
  const errors = validateObjectMeta(pod.metadata, { namespaced: true, name: nameIsDNSSubdomain }, root("metadata"));
  errors.push(...validatePodSpec(pod.spec, { isPod: true }, spec));
  if (!pod.spec.serviceAccountName) {
    (pod.spec.volumes ?? []).forEach((volume, i) => {
      (volume.projected?.sources ?? []).forEach((source, j) => {
        if (!source.serviceAccountToken) return;
        const at = spec.child("volumes").index(i).child("projected").child("sources").index(j).child("serviceAccountToken");
        errors.push(forbidden(at, "must not be specified when serviceAccountName is not set"));
      });
    });
  }
  if (pod.spec.nodeName && (pod.spec.schedulingGates ?? []).length > 0) {
    errors.push(forbidden(spec.child("nodeName"), "cannot be set until all schedulingGates have been cleared"));
  }
  return errors;
}
