import type { Endpoint, EndpointSlicePort } from "../../../src/api/discovery/v1/endpoint-slice.js";
import { compareIPv4 } from "../endpoints/endpoint-subsets.js";
import {
  findPodPort,
  hostnameFor,
  isPodReady,
  isPodTerminating,
  podIPv4,
  shouldPodBeInEndpoints,
  type PodObject,
  type ServiceObject,
} from "../endpoints/pod-endpoints.js";

/** The endpoints that share one set of ports: they go into slices of that port set. */
export interface EndpointGroup {
  ports: EndpointSlicePort[];
  /** By endpoint identity (`endpointId`), sorted by address. */
  endpoints: Map<string, Endpoint>;
}

/** Kubernetes' podToEndpoint: address, conditions, node, pod reference. */
export function endpointFor(pod: PodObject, service: ServiceObject, ip: string): Endpoint {
  const serving = isPodReady(pod);
  const terminating = isPodTerminating(pod);
  // Never ready while terminating, unless the service publishes not-ready addresses.
  const ready = service.spec?.publishNotReadyAddresses === true || (serving && !terminating);
  const endpoint: Endpoint = {
    addresses: [ip],
    conditions: { ready, serving, terminating },
    targetRef: { kind: "Pod", namespace: pod.metadata?.namespace ?? "", name: pod.metadata?.name ?? "", uid: pod.metadata?.uid ?? "" },
  };
  if (pod.spec?.nodeName) endpoint.nodeName = pod.spec.nodeName;
  const hostname = hostnameFor(pod, service);
  if (hostname !== undefined) endpoint.hostname = hostname;
  return endpoint;
}

/** What tells one endpoint from another across syncs: its pod, else its address. */
export function endpointId(endpoint: Endpoint): string {
  return endpoint.targetRef?.uid || `ip:${endpoint.addresses[0] ?? ""}`;
}

/** A port set as a key: slices of equal keys carry the same ports. */
export function portsKey(ports: readonly EndpointSlicePort[]): string {
  return JSON.stringify(ports.map((p) => [p.name ?? "", p.protocol ?? "TCP", p.port ?? 0, p.appProtocol ?? null]).sort());
}

/** The slice ports a pod serves for the service (a named targetPort the pod lacks is left out). */
function slicePortsFor(pod: PodObject, service: ServiceObject): EndpointSlicePort[] {
  const ports: EndpointSlicePort[] = [];
  for (const servicePort of service.spec?.ports ?? []) {
    const port = findPodPort(pod, servicePort);
    if (port === undefined) continue;
    const slicePort: EndpointSlicePort = { name: servicePort.name ?? "", protocol: servicePort.protocol ?? "TCP", port };
    if (servicePort.appProtocol !== undefined) slicePort.appProtocol = servicePort.appProtocol;
    ports.push(slicePort);
  }
  return ports;
}

/**
 * What the EndpointSlice controller wants for one service: every matching
 * pod with an IPv4 address that has not ended (terminating ones too, with
 * `terminating: true`), grouped by the ports it serves, by port-set key.
 */
export function desiredEndpointGroups(service: ServiceObject, pods: readonly PodObject[]): Map<string, EndpointGroup> {
  const groups = new Map<string, EndpointGroup>();
  const entries: Array<{ key: string; ports: EndpointSlicePort[]; endpoint: Endpoint }> = [];
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const ip = podIPv4(pod);
    if (ip === undefined) continue;
    const ports = slicePortsFor(pod, service);
    entries.push({ key: portsKey(ports), ports, endpoint: endpointFor(pod, service, ip) });
  }
  entries.sort((a, b) => compareIPv4(a.endpoint.addresses[0] ?? "", b.endpoint.addresses[0] ?? "") || endpointId(a.endpoint).localeCompare(endpointId(b.endpoint)));
  for (const { key, ports, endpoint } of entries) {
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = { ports, endpoints: new Map() }));
    group.endpoints.set(endpointId(endpoint), endpoint);
  }
  return groups;
}
