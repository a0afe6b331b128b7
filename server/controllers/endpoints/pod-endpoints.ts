import type { Pod } from "../../../src/api/core/v1/pod.js";
import type { Service, ServicePort } from "../../../src/api/core/v1/service.js";
import type { ApiObject } from "../../../src/client/rest/rest-client.js";

/** A Pod as read from the cache. */
export type PodObject = Pod & ApiObject;
/** A Service as read from the cache. */
export type ServiceObject = Service & ApiObject;

/** Whether the pod's Ready condition is True. */
export function isPodReady(pod: PodObject): boolean {
  return (pod.status?.conditions ?? []).some((condition) => condition.type === "Ready" && condition.status === "True");
}

/** Whether the pod is being deleted. */
export function isPodTerminating(pod: PodObject): boolean {
  return pod.metadata?.deletionTimestamp !== undefined;
}

/**
 * Kubernetes' ShouldPodBeInEndpoints: a pod with an IP that has not ended
 * (Succeeded, Failed); one being deleted only when `includeTerminating`.
 */
export function shouldPodBeInEndpoints(pod: PodObject, includeTerminating: boolean): boolean {
  if (podIPv4(pod) === undefined) return false;
  if (!includeTerminating && isPodTerminating(pod)) return false;
  const phase = pod.status?.phase;
  return phase !== "Succeeded" && phase !== "Failed";
}

/** The pod's IPv4 address (skiff's services are IPv4 only). */
export function podIPv4(pod: PodObject): string | undefined {
  const candidates = [pod.status?.podIP, ...(pod.status?.podIPs ?? []).map((entry) => entry.ip)];
  return candidates.find((ip): ip is string => ip !== undefined && /^\d{1,3}(\.\d{1,3}){3}$/.test(ip));
}

/**
 * Kubernetes' FindPort: the pod's port behind a service port. A number is
 * used as it is; a name is looked up in the containers' ports of the same
 * protocol, and a pod without it has no such port (undefined).
 */
export function findPodPort(pod: PodObject, servicePort: ServicePort): number | undefined {
  const target = servicePort.targetPort ?? servicePort.port;
  if (typeof target === "number") return target === 0 ? servicePort.port : target;
  const protocol = servicePort.protocol ?? "TCP";
  for (const container of pod.spec?.containers ?? []) {
    for (const port of container.ports ?? []) {
      if (port.name === target && (port.protocol ?? "TCP") === protocol) return port.containerPort;
    }
  }
  return undefined;
}

/** A pod with `hostname` and `subdomain` naming the headless service gets a DNS name of its own: its hostname goes into the endpoint. */
export function hostnameFor(pod: PodObject, service: ServiceObject): string | undefined {
  const hostname = pod.spec?.hostname;
  if (!hostname || pod.spec?.subdomain !== service.metadata?.name) return undefined;
  return pod.metadata?.namespace === service.metadata?.namespace ? hostname : undefined;
}

/** The selector of a service that gets endpoints from pods; undefined for one without (its endpoints are the user's). */
export function podSelectorOf(service: ServiceObject): Record<string, string> | undefined {
  const selector = service.spec?.selector;
  if (selector === undefined || Object.keys(selector).length === 0) return undefined;
  return selector;
}

/** Whether `selector` picks a pod with these labels. */
export function selects(selector: Record<string, string>, labels: Readonly<Record<string, string>>): boolean {
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}

/** Whether the service is headless (clusterIP None). */
export function isHeadless(service: ServiceObject): boolean {
  return service.spec?.clusterIP === "None";
}

/** The `namespace/name` key of a pod or service. */
export function keyOfObject(object: ApiObject): string {
  return `${object.metadata?.namespace ?? ""}/${object.metadata?.name ?? ""}`;
}

/**
 * Whether a pod changed in a way that can change an endpoint: its IP,
 * readiness, node, deletion, hostname, ports, phase, or labels (checked by
 * the caller as it maps the pod to services).
 */
export function podEndpointChanged(old: PodObject, pod: PodObject): boolean {
  return (
    podIPv4(old) !== podIPv4(pod) ||
    isPodReady(old) !== isPodReady(pod) ||
    isPodTerminating(old) !== isPodTerminating(pod) ||
    old.status?.phase !== pod.status?.phase ||
    old.spec?.nodeName !== pod.spec?.nodeName ||
    old.spec?.hostname !== pod.spec?.hostname ||
    old.spec?.subdomain !== pod.spec?.subdomain ||
    JSON.stringify((old.spec?.containers ?? []).map((c) => c.ports)) !== JSON.stringify((pod.spec?.containers ?? []).map((c) => c.ports))
  );
}
