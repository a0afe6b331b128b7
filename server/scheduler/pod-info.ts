import type { Container } from "../../src/api/core/v1/container.js";
import type { Pod } from "../../src/api/core/v1/pod.js";
import type { PodAffinityTerm, Toleration, TopologySpreadConstraint } from "../../src/api/core/v1/scheduling.js";
import { selectorFromLabelSelector, type Selector } from "../../src/api/labels/index.js";
import { parseQuantityValue } from "../../src/api/quantity.js";

/** cpu in millicores, memory and every other resource in whole units (bytes, counts). */
export interface Resources {
  milliCpu: number;
  memory: number;
  /** Extended and other resources (ephemeral-storage, example.com/gpu), by name. */
  scalar: Map<string, number>;
}

/** A host port a pod takes on its node: `protocol/port` at `ip` (0.0.0.0: every address). */
export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

/** A pod (anti-)affinity term made ready to match: the selector parsed, the namespaces decided. */
export interface AffinityTerm {
  selector: Selector;
  /** Namespaces named outright (the pod's own when neither list nor selector is given). */
  namespaces: ReadonlySet<string>;
  /** Namespaces whose labels match; undefined: none beyond `namespaces`. Empty selector: every namespace. */
  namespaceSelector: Selector | undefined;
  topologyKey: string;
  weight: number;
}

/**
 * What the scheduler needs of a pod, computed once per pod version: the
 * effective requests (as Kubernetes computes them with init and sidecar
 * containers, plus overhead), the same with Kubernetes' non-zero defaults
 * for scoring, host ports, the controller owner, and parsed affinity terms.
 */
export interface PodInfo {
  /** `namespace/name`. */
  key: string;
  uid: string;
  namespace: string;
  name: string;
  labels: Readonly<Record<string, string>>;
  /** The node the pod is bound to, "" when none. */
  nodeName: string;
  requests: Resources;
  /** Requests with 100m cpu and 200Mi memory for containers that ask for none (scoring only). */
  nonZeroRequests: { milliCpu: number; memory: number };
  hostPorts: HostPort[];
  /** The uid of the controller ownerReference, when there is one. */
  ownerUid: string | undefined;
  nodeSelector: Readonly<Record<string, string>>;
  tolerations: Toleration[];
  pod: Pod;
  requiredAffinity: AffinityTerm[];
  requiredAntiAffinity: AffinityTerm[];
  preferredAffinity: AffinityTerm[];
  preferredAntiAffinity: AffinityTerm[];
  topologySpreadConstraints: TopologySpreadConstraint[];
}

export const defaultMilliCpuRequest = 100;
export const defaultMemoryRequest = 200 * 1024 * 1024;

const emptyResources = (): Resources => ({ milliCpu: 0, memory: 0, scalar: new Map() });

function containerRequests(container: Container): Resources {
  const out = emptyResources();
  for (const [name, value] of Object.entries(container.resources?.requests ?? {})) {
    const parsed = parseQuantityValue(value);
    if (!parsed.ok) continue;
    if (name === "cpu") out.milliCpu = Number(parsed.value.milliValue());
    else if (name === "memory") out.memory = Number(parsed.value.value());
    else out.scalar.set(name, Number(parsed.value.value()));
  }
  return out;
}

function add(into: Resources, more: Resources): void {
  into.milliCpu += more.milliCpu;
  into.memory += more.memory;
  for (const [name, value] of more.scalar) into.scalar.set(name, (into.scalar.get(name) ?? 0) + value);
}

function maxInto(into: Resources, other: Resources): void {
  into.milliCpu = Math.max(into.milliCpu, other.milliCpu);
  into.memory = Math.max(into.memory, other.memory);
  for (const [name, value] of other.scalar) into.scalar.set(name, Math.max(into.scalar.get(name) ?? 0, value));
}

const copyOf = (resources: Resources): Resources => ({ ...resources, scalar: new Map(resources.scalar) });

/**
 * Kubernetes' PodRequests: the sum of the containers, plus the sidecars
 * (init containers with restartPolicy Always, which keep running), or the
 * largest init step if that is more (an init container runs beside the
 * sidecars started before it), plus the pod's overhead.
 */
export function effectivePodRequests(pod: Pod, perContainer: (container: Container) => Resources = containerRequests): Resources {
  const total = emptyResources();
  for (const container of pod.spec.containers) add(total, perContainer(container));
  const sidecars = emptyResources();
  const largestInitStep = emptyResources();
  for (const container of pod.spec.initContainers ?? []) {
    const requests = perContainer(container);
    let step: Resources;
    if (container.restartPolicy === "Always") {
      add(sidecars, requests);
      step = copyOf(sidecars);
    } else {
      step = copyOf(requests);
      add(step, sidecars);
    }
    maxInto(largestInitStep, step);
  }
  add(total, sidecars);
  maxInto(total, largestInitStep);
  const overhead = pod.spec.overhead;
  if (overhead) add(total, containerRequests({ name: "", resources: { requests: overhead } }));
  return total;
}

/** A container's requests with Kubernetes' scoring defaults where cpu or memory is not requested. */
function nonZeroContainerRequests(container: Container): Resources {
  const requests = containerRequests(container);
  const asked = container.resources?.requests ?? {};
  if (asked.cpu === undefined) requests.milliCpu = defaultMilliCpuRequest;
  if (asked.memory === undefined) requests.memory = defaultMemoryRequest;
  return requests;
}

function hostPortsOf(pod: Pod): HostPort[] {
  const ports: HostPort[] = [];
  const sidecars = (pod.spec.initContainers ?? []).filter((container) => container.restartPolicy === "Always");
  for (const container of [...pod.spec.containers, ...sidecars]) {
    for (const port of container.ports ?? []) {
      if (!port.hostPort || port.hostPort <= 0) continue;
      ports.push({ ip: port.hostIP || "0.0.0.0", protocol: port.protocol || "TCP", port: port.hostPort });
    }
  }
  return ports;
}

function affinityTerm(pod: Pod, term: PodAffinityTerm, weight: number): AffinityTerm | undefined {
  const selector = selectorFromLabelSelector(term.labelSelector);
  if (!selector.ok) return undefined;
  let namespaceSelector: Selector | undefined;
  if (term.namespaceSelector) {
    const parsed = selectorFromLabelSelector(term.namespaceSelector);
    if (parsed.ok) namespaceSelector = parsed.value;
  }
  const named = term.namespaces ?? [];
  const own = named.length === 0 && term.namespaceSelector === undefined;
  return {
    selector: selector.value,
    namespaces: new Set(own ? [pod.metadata.namespace ?? ""] : named),
    namespaceSelector,
    topologyKey: term.topologyKey,
    weight,
  };
}

const defined = <T>(items: Array<T | undefined>): T[] => items.filter((item): item is T => item !== undefined);

/** The scheduler's view of one pod version. */
export function podInfoOf(pod: Pod): PodInfo {
  const namespace = pod.metadata.namespace ?? "";
  const name = pod.metadata.name ?? "";
  const affinity = pod.spec.affinity;
  const required = (terms: PodAffinityTerm[] | undefined): AffinityTerm[] => defined((terms ?? []).map((term) => affinityTerm(pod, term, 1)));
  const preferred = (terms: Array<{ weight: number; podAffinityTerm: PodAffinityTerm }> | undefined): AffinityTerm[] =>
    defined((terms ?? []).map((term) => affinityTerm(pod, term.podAffinityTerm, term.weight)));
  const nonZero = effectivePodRequests(pod, nonZeroContainerRequests);
  return {
    key: `${namespace}/${name}`,
    uid: pod.metadata.uid ?? "",
    namespace,
    name,
    labels: pod.metadata.labels ?? {},
    nodeName: pod.spec.nodeName ?? "",
    requests: effectivePodRequests(pod),
    nonZeroRequests: { milliCpu: nonZero.milliCpu, memory: nonZero.memory },
    hostPorts: hostPortsOf(pod),
    ownerUid: pod.metadata.ownerReferences?.find((owner) => owner.controller === true)?.uid,
    nodeSelector: pod.spec.nodeSelector ?? {},
    tolerations: pod.spec.tolerations ?? [],
    pod,
    requiredAffinity: required(affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution),
    requiredAntiAffinity: required(affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution),
    preferredAffinity: preferred(affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
    preferredAntiAffinity: preferred(affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
    topologySpreadConstraints: pod.spec.topologySpreadConstraints ?? [],
  };
}

/** Whether the pod has any pod affinity or anti-affinity term (the cache keeps such pods apart for the plugins). */
export const hasAffinityTerms = (pod: PodInfo): boolean =>
  pod.requiredAffinity.length + pod.requiredAntiAffinity.length + pod.preferredAffinity.length + pod.preferredAntiAffinity.length > 0;

/** Whether `term` selects `other` (labels and namespace); `namespaceLabels` looks up a namespace's labels. */
export function termMatches(term: AffinityTerm, other: PodInfo, namespaceLabels: (namespace: string) => Readonly<Record<string, string>> | undefined): boolean {
  if (!term.selector.matches(other.labels)) return false;
  if (term.namespaces.has(other.namespace)) return true;
  if (!term.namespaceSelector) return false;
  if (term.namespaceSelector.isEmpty()) return true;
  const labels = namespaceLabels(other.namespace);
  return labels !== undefined && term.namespaceSelector.matches(labels);
}
