import type { EndpointAddress, EndpointPort, EndpointSubset } from "../../../src/api/core/v1/endpoints.js";
import {
  findPodPort,
  hostnameFor,
  isHeadless,
  isPodReady,
  podIPv4,
  shouldPodBeInEndpoints,
  type PodObject,
  type ServiceObject,
} from "./pod-endpoints.js";

/** Kubernetes' limit on the addresses of one Endpoints object; beyond it the rest are dropped and the object says so. */
export const maxEndpointsAddresses = 1000;

export interface ComputedSubsets {
  subsets: EndpointSubset[];
  /** Whether addresses were dropped to stay within `maxEndpointsAddresses`. */
  truncated: boolean;
}

/** The address of a pod in a service's endpoints; undefined for a pod that has none. */
export function endpointAddressFor(pod: PodObject, service: ServiceObject): EndpointAddress | undefined {
  const ip = podIPv4(pod);
  if (ip === undefined) return undefined;
  const address: EndpointAddress = {
    ip,
    targetRef: { kind: "Pod", namespace: pod.metadata?.namespace ?? "", name: pod.metadata?.name ?? "", uid: pod.metadata?.uid ?? "" },
  };
  const hostname = hostnameFor(pod, service);
  if (hostname !== undefined) address.hostname = hostname;
  if (pod.spec?.nodeName) address.nodeName = pod.spec.nodeName;
  return address;
}

/**
 * The ports a pod serves for a service: one per service port that resolves
 * on this pod (a named targetPort the pod lacks is left out). A headless
 * service without ports gives the pod's address with no port at all.
 */
export function endpointPortsFor(pod: PodObject, service: ServiceObject): EndpointPort[] {
  const ports: EndpointPort[] = [];
  for (const servicePort of service.spec?.ports ?? []) {
    const port = findPodPort(pod, servicePort);
    if (port === undefined) continue;
    const endpointPort: EndpointPort = { ...(servicePort.name ? { name: servicePort.name } : {}), port, protocol: servicePort.protocol ?? "TCP" };
    if (servicePort.appProtocol !== undefined) endpointPort.appProtocol = servicePort.appProtocol;
    ports.push(endpointPort);
  }
  return ports.sort(comparePorts);
}

/**
 * The Endpoints controller's answer for one service: each matching pod
 * with an IP that has not ended is an address, ready when its Ready
 * condition is True (or always with publishNotReadyAddresses), filed under
 * the set of ports it serves. Pods of one port set share a subset, as
 * Kubernetes' RepackSubsets leaves them; everything is sorted, so the same
 * pods always give the same subsets.
 */
export function endpointSubsetsFor(service: ServiceObject, pods: readonly PodObject[]): ComputedSubsets {
  const publishNotReady = service.spec?.publishNotReadyAddresses === true;
  const portless = (service.spec?.ports ?? []).length === 0;
  const groups = new Map<string, { ports: EndpointPort[]; ready: Map<string, EndpointAddress>; notReady: Map<string, EndpointAddress> }>();
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
    const address = endpointAddressFor(pod, service);
    if (address === undefined) continue;
    const ports = endpointPortsFor(pod, service);
    // A service with ports that this pod serves none of: the pod is in no subset.
    if (ports.length === 0 && !(portless && isHeadless(service))) continue;
    const groupKey = JSON.stringify(ports);
    let group = groups.get(groupKey);
    if (group === undefined) groups.set(groupKey, (group = { ports, ready: new Map(), notReady: new Map() }));
    const addressKey = `${address.ip}/${address.targetRef?.uid ?? ""}`;
    if (publishNotReady || isPodReady(pod)) {
      group.ready.set(addressKey, address);
      group.notReady.delete(addressKey);
    } else if (!group.ready.has(addressKey)) {
      group.notReady.set(addressKey, address);
    }
  }
  const subsets = [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, group]) => {
      const subset: EndpointSubset = {};
      if (group.ready.size > 0) subset.addresses = [...group.ready.values()].sort(compareAddresses);
      if (group.notReady.size > 0) subset.notReadyAddresses = [...group.notReady.values()].sort(compareAddresses);
      if (group.ports.length > 0) subset.ports = group.ports;
      return subset;
    });
  return truncate(subsets, maxEndpointsAddresses);
}

/** Keeps at most `max` addresses, ready ones first, subset by subset. */
function truncate(subsets: EndpointSubset[], max: number): ComputedSubsets {
  const total = subsets.reduce((sum, s) => sum + (s.addresses?.length ?? 0) + (s.notReadyAddresses?.length ?? 0), 0);
  if (total <= max) return { subsets, truncated: false };
  let room = max;
  const kept: EndpointSubset[] = subsets.map((subset) => {
    const addresses = (subset.addresses ?? []).slice(0, room);
    room -= addresses.length;
    return { ...subset, addresses };
  });
  for (const [i, subset] of subsets.entries()) {
    const notReady = (subset.notReadyAddresses ?? []).slice(0, room);
    room -= notReady.length;
    kept[i]!.notReadyAddresses = notReady;
  }
  const nonEmpty = kept
    .map((subset) => {
      const result: EndpointSubset = {};
      if ((subset.addresses ?? []).length > 0) result.addresses = subset.addresses!;
      if ((subset.notReadyAddresses ?? []).length > 0) result.notReadyAddresses = subset.notReadyAddresses!;
      if (subset.ports !== undefined) result.ports = subset.ports;
      return result;
    })
    .filter((subset) => subset.addresses !== undefined || subset.notReadyAddresses !== undefined);
  return { subsets: nonEmpty, truncated: true };
}

function comparePorts(a: EndpointPort, b: EndpointPort): number {
  const byName = (a.name ?? "").localeCompare(b.name ?? "");
  return byName !== 0 ? byName : a.port - b.port || (a.protocol ?? "").localeCompare(b.protocol ?? "");
}

/** By IP as numbers, then by pod uid. */
export function compareAddresses(a: { ip: string; targetRef?: { uid?: string } }, b: { ip: string; targetRef?: { uid?: string } }): number {
  return compareIPv4(a.ip, b.ip) || (a.targetRef?.uid ?? "").localeCompare(b.targetRef?.uid ?? "");
}

export function compareIPv4(a: string, b: string): number {
  const x = a.split(".").map(Number);
  const y = b.split(".").map(Number);
  for (let i = 0; i < 4; i++) {
    const difference = (x[i] ?? 0) - (y[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
