import { validateObjectMeta, validateObjectMetaUpdate } from "../../meta/v1/object-meta-validation.js";
import { duplicate, forbidden, invalid, notSupported, required, type FieldError } from "../../validation/field-error.js";
import { root } from "../../validation/field-path.js";
import { isValidPortNum, validateLabels } from "../../validation/names.js";
import { nameIsDNS1035Label } from "../../validation/object-names.js";
import {
  validateDNS1123Label,
  validateDNS1123Subdomain,
  validateLegacyCIDR,
  validateLegacyIP,
  validateQualifiedName,
} from "../../validation/string-fields.js";
import { PORT_PROTOCOLS } from "./container-validation.js";
import { validateEndpointIP } from "./endpoint-ip.js";
import { validatePortNumOrName } from "./probe-validation.js";
import { isExternallyAccessible, type Service, type ServicePort, type ServiceSpec } from "./service.js";

const SERVICE_TYPES = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];
const SESSION_AFFINITIES = ["ClientIP", "None"];
const TRAFFIC_POLICIES = ["Cluster", "Local"];
const IP_FAMILY_POLICIES = ["SingleStack", "PreferDualStack", "RequireDualStack"];
const IP_FAMILIES = ["IPv4", "IPv6"];
const TRAFFIC_DISTRIBUTIONS = ["PreferClose", "PreferSameZone", "PreferSameNode"];
/** skiff's NodePort range (ARCHITECTURE.md), as the apiserver's --service-node-port-range. */
export const NODE_PORT_RANGE = { min: 30000, max: 32767 } as const;
const KUBELET_PORT = 10250;
const MAX_CLIENT_IP_AFFINITY_SECONDS = 86400;

const spec = root("spec");

const isHeadless = (serviceSpec: ServiceSpec): boolean => serviceSpec.clusterIP === "None";

function validateServicePort(port: ServicePort, requireName: boolean, names: Set<string>, index: number): FieldError[] {
  const errors: FieldError[] = [];
  const at = spec.child("ports").index(index);
  if (requireName && !port.name) errors.push(required(at.child("name")));
  else if (port.name) {
    errors.push(...validateDNS1123Label(port.name, at.child("name")));
    if (names.has(port.name)) errors.push(duplicate(at.child("name"), port.name));
    else names.add(port.name);
  }
  for (const message of isValidPortNum(port.port)) errors.push(invalid(at.child("port"), port.port, message));
  if (!port.protocol) errors.push(required(at.child("protocol")));
  else if (!PORT_PROTOCOLS.includes(port.protocol)) errors.push(notSupported(at.child("protocol"), port.protocol, PORT_PROTOCOLS));
  errors.push(...validatePortNumOrName(port.targetPort ?? 0, at.child("targetPort")));
  if (port.appProtocol !== undefined) errors.push(...validateQualifiedName(port.appProtocol, at.child("appProtocol")));
  const nodePort = port.nodePort ?? 0;
  if (nodePort !== 0 && (nodePort < NODE_PORT_RANGE.min || nodePort > NODE_PORT_RANGE.max)) {
    errors.push(
      invalid(
        at.child("nodePort"),
        nodePort,
        `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE.min}-${NODE_PORT_RANGE.max}`,
      ),
    );
  }
  return errors;
}

/** clusterIP and clusterIPs: "None" alone, else at most two valid IPs, the first equal to clusterIP. */
function validateClusterIPs(serviceSpec: ServiceSpec): FieldError[] {
  if (serviceSpec.type === "ExternalName") return [];
  const errors: FieldError[] = [];
  const clusterIPs = serviceSpec.clusterIPs ?? [];
  const policy = serviceSpec.ipFamilyPolicy;
  if (policy !== undefined && !IP_FAMILY_POLICIES.includes(policy)) {
    errors.push(notSupported(spec.child("ipFamilyPolicy"), policy, IP_FAMILY_POLICIES));
  }
  (serviceSpec.ipFamilies ?? []).forEach((family, i) => {
    if (!IP_FAMILIES.includes(family)) errors.push(notSupported(spec.child("ipFamilies").index(i), family, IP_FAMILIES));
  });
  clusterIPs.forEach((ip, i) => {
    if (ip === "None" && i === 0) {
      if (clusterIPs.length > 1) errors.push(invalid(spec.child("clusterIPs"), clusterIPs, "'None' must be the first and only value"));
      return;
    }
    errors.push(...validateLegacyIP(ip, spec.child("clusterIPs").index(i)));
  });
  if (clusterIPs.length > 2) errors.push(invalid(spec.child("clusterIPs"), clusterIPs, "may only hold up to 2 values"));
  const first = clusterIPs[0];
  if (first !== undefined && (serviceSpec.clusterIP ?? "") !== first) {
    errors.push(invalid(spec.child("clusterIPs"), clusterIPs, "first value must match `clusterIP`"));
  }
  return errors;
}

function validateTypeSpecifics(serviceSpec: ServiceSpec): FieldError[] {
  const errors: FieldError[] = [];
  const headlessFirst = spec.child("clusterIPs").index(0);
  switch (serviceSpec.type) {
    case "LoadBalancer":
      if (isHeadless(serviceSpec)) errors.push(invalid(headlessFirst, "None", "may not be set to 'None' for LoadBalancer services"));
      (serviceSpec.ports ?? []).forEach((port, i) => {
        if (port.port === KUBELET_PORT) {
          errors.push(
            invalid(spec.child("ports").index(i), port.port, `may not expose port ${KUBELET_PORT} externally since it is used by kubelet`),
          );
        }
      });
      break;
    case "NodePort":
      if (isHeadless(serviceSpec)) errors.push(invalid(headlessFirst, "None", "may not be set to 'None' for NodePort services"));
      break;
    case "ExternalName": {
      if ((serviceSpec.clusterIPs ?? []).length > 0) errors.push(forbidden(spec.child("clusterIPs"), "may not be set for ExternalName services"));
      if ((serviceSpec.ipFamilies ?? []).length > 0) errors.push(forbidden(spec.child("ipFamilies"), "may not be set for ExternalName services"));
      if (serviceSpec.ipFamilyPolicy !== undefined) {
        errors.push(forbidden(spec.child("ipFamilyPolicy"), "may not be set for ExternalName services"));
      }
      // A trailing dot marks the name fully qualified.
      const cname = (serviceSpec.externalName ?? "").replace(/\.$/, "");
      if (cname) errors.push(...validateDNS1123Subdomain(cname, spec.child("externalName")));
      else errors.push(required(spec.child("externalName")));
      break;
    }
  }
  return errors;
}

function validateSessionAffinity(serviceSpec: ServiceSpec): FieldError[] {
  const affinity = serviceSpec.sessionAffinity ?? "";
  if (affinity === "") return [required(spec.child("sessionAffinity"))];
  if (!SESSION_AFFINITIES.includes(affinity)) return [notSupported(spec.child("sessionAffinity"), affinity, SESSION_AFFINITIES)];
  const configPath = spec.child("sessionAffinityConfig");
  if (affinity === "None") {
    return serviceSpec.sessionAffinityConfig ? [forbidden(configPath, "must not be set when session affinity is None")] : [];
  }
  const timeout = serviceSpec.sessionAffinityConfig?.clientIP?.timeoutSeconds;
  if (timeout === undefined) return [required(configPath, "when session affinity type is ClientIP")];
  if (timeout <= 0 || timeout > MAX_CLIENT_IP_AFFINITY_SECONDS) {
    return [
      invalid(
        configPath.child("clientIP").child("timeoutSeconds"),
        timeout,
        `must be greater than 0 and less than ${MAX_CLIENT_IP_AFFINITY_SECONDS}`,
      ),
    ];
  }
  return [];
}

function validateTrafficPolicies(serviceSpec: ServiceSpec): FieldError[] {
  const errors: FieldError[] = [];
  const external = serviceSpec.externalTrafficPolicy ?? "";
  if (!isExternallyAccessible(serviceSpec)) {
    if (external) errors.push(invalid(spec.child("externalTrafficPolicy"), external, "may only be set for externally-accessible services"));
  } else if (!external) {
    errors.push(required(spec.child("externalTrafficPolicy")));
  } else if (!TRAFFIC_POLICIES.includes(external)) {
    errors.push(notSupported(spec.child("externalTrafficPolicy"), external, TRAFFIC_POLICIES));
  }
  const needsHealthCheck = serviceSpec.type === "LoadBalancer" && external === "Local";
  if (!needsHealthCheck && serviceSpec.healthCheckNodePort) {
    errors.push(
      invalid(
        spec.child("healthCheckNodePort"),
        serviceSpec.healthCheckNodePort,
        "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
      ),
    );
  }
  const internal = serviceSpec.internalTrafficPolicy;
  if (internal === undefined) {
    if (serviceSpec.type === "NodePort" || serviceSpec.type === "LoadBalancer" || serviceSpec.type === "ClusterIP") {
      errors.push(required(spec.child("internalTrafficPolicy"), "must be specified"));
    }
  } else if (!TRAFFIC_POLICIES.includes(internal)) {
    errors.push(notSupported(spec.child("internalTrafficPolicy"), internal, TRAFFIC_POLICIES));
  }
  const distribution = serviceSpec.trafficDistribution;
  if (distribution !== undefined && !TRAFFIC_DISTRIBUTIONS.includes(distribution)) {
    errors.push(notSupported(spec.child("trafficDistribution"), distribution, TRAFFIC_DISTRIBUTIONS));
  }
  return errors;
}

/** Validates a Service as Kubernetes' ValidateService does, with skiff's NodePort range. */
export function validateService(service: Service): FieldError[] {
  const serviceSpec = service.spec;
  const ports = serviceSpec.ports ?? [];
  const errors = validateObjectMeta(service.metadata, { namespaced: true, name: nameIsDNS1035Label }, root("metadata"));
  if (ports.length === 0 && !isHeadless(serviceSpec) && serviceSpec.type !== "ExternalName") errors.push(required(spec.child("ports")));
  errors.push(...validateTypeSpecifics(serviceSpec));
  const names = new Set<string>();
  ports.forEach((port, i) => errors.push(...validateServicePort(port, ports.length > 1, names, i)));
  if (serviceSpec.selector) errors.push(...validateLabels(serviceSpec.selector, spec.child("selector")));
  errors.push(...validateSessionAffinity(serviceSpec));
  errors.push(...validateClusterIPs(serviceSpec));
  (serviceSpec.externalIPs ?? []).forEach((ip, i) => {
    const at = spec.child("externalIPs").index(i);
    const found = validateLegacyIP(ip, at);
    errors.push(...(found.length > 0 ? found : validateEndpointIP(ip, at)));
  });
  const type = serviceSpec.type ?? "";
  if (type === "") errors.push(required(spec.child("type")));
  else if (!SERVICE_TYPES.includes(type)) errors.push(notSupported(spec.child("type"), type, SERVICE_TYPES));
  if (type === "ClusterIP") {
    ports.forEach((port, i) => {
      if (port.nodePort) errors.push(forbidden(spec.child("ports").index(i).child("nodePort"), "may not be used when `type` is 'ClusterIP'"));
    });
  }
  const nodePorts = new Set<string>();
  const servicePorts = new Set<string>();
  ports.forEach((port, i) => {
    const at = spec.child("ports").index(i);
    if (port.nodePort) {
      const key = `${port.protocol ?? ""}/${port.nodePort}`;
      if (nodePorts.has(key)) errors.push(duplicate(at.child("nodePort"), port.nodePort));
      nodePorts.add(key);
    }
    const key = `${port.protocol ?? ""}/${port.port}`;
    if (servicePorts.has(key)) errors.push(duplicate(at, { port: port.port, protocol: port.protocol }));
    servicePorts.add(key);
  });
  const sourceRanges = serviceSpec.loadBalancerSourceRanges ?? [];
  if (sourceRanges.length > 0) {
    const rangesPath = spec.child("LoadBalancerSourceRanges");
    if (type !== "LoadBalancer") errors.push(forbidden(rangesPath, "may only be used when `type` is 'LoadBalancer'"));
    sourceRanges.forEach((range, i) => errors.push(...validateLegacyCIDR(range.trim(), rangesPath.index(i))));
  }
  if (serviceSpec.allocateLoadBalancerNodePorts !== undefined && type !== "LoadBalancer") {
    errors.push(forbidden(spec.child("allocateLoadBalancerNodePorts"), "may only be used when `type` is 'LoadBalancer'"));
  }
  errors.push(...validateTrafficPolicies(serviceSpec));
  return errors;
}

/**
 * The rules a Service update must keep: a clusterIP, once set, never
 * changes (unless the Service turns into or out of ExternalName). The
 * apiserver first carries allocated values over (keepAllocatedServiceFields).
 */
export function validateServiceUpdate(service: Service, old: Service): FieldError[] {
  const errors = validateObjectMetaUpdate(service.metadata, old.metadata, root("metadata"));
  if (service.spec.type === "ExternalName" || old.spec.type === "ExternalName") return errors;
  const before = old.spec.clusterIP ?? "";
  const after = service.spec.clusterIP ?? "";
  if (before !== "" && after !== before) errors.push(invalid(spec.child("clusterIP"), after, "field is immutable"));
  return errors;
}
