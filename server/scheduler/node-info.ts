import type { Node, Taint } from "../../src/api/core/v1/node.js";
import { parseQuantityValue } from "../../src/api/quantity.js";
import type { HostPort, PodInfo, Resources } from "./pod-info.js";

/** What a node offers: allocatable cpu (milli), memory, pods and other resources. */
export interface Allocatable extends Resources {
  pods: number;
}

/** The taints Kubernetes' node lifecycle controller puts on a node whose Ready condition is False/absent or Unknown. */
export const notReadyTaintKey = "node.kubernetes.io/not-ready";
export const unreachableTaintKey = "node.kubernetes.io/unreachable";
export const unschedulableTaintKey = "node.kubernetes.io/unschedulable";

function allocatableOf(node: Node): Allocatable {
  const out: Allocatable = { milliCpu: 0, memory: 0, pods: 0, scalar: new Map() };
  for (const [name, value] of Object.entries(node.status?.allocatable ?? {})) {
    const parsed = parseQuantityValue(value);
    if (!parsed.ok) continue;
    if (name === "cpu") out.milliCpu = Number(parsed.value.milliValue());
    else if (name === "memory") out.memory = Number(parsed.value.value());
    else if (name === "pods") out.pods = Number(parsed.value.value());
    else out.scalar.set(name, Number(parsed.value.value()));
  }
  return out;
}

/**
 * The node's taints, plus the NoSchedule taint its Ready condition implies
 * when the node lifecycle controller has not written it yet (Kubernetes'
 * TaintNodesByCondition): a node that is not Ready keeps pods off unless
 * they tolerate it, and the message names the taint as Kubernetes would.
 */
function effectiveTaints(node: Node): Taint[] {
  const taints = node.spec?.taints ?? [];
  const ready = node.status?.conditions?.find((condition) => condition.type === "Ready")?.status;
  if (ready === "True") return taints;
  const key = ready === "Unknown" ? unreachableTaintKey : notReadyTaintKey;
  if (taints.some((taint) => taint.key === key && (taint.effect === "NoSchedule" || taint.effect === "NoExecute"))) return taints;
  return [...taints, { key, effect: "NoSchedule" }];
}

const portKey = (port: HostPort): string => `${port.protocol}/${port.port}`;

/**
 * One node as the scheduler sees it: the Node (undefined while only pods
 * bound to it are known) and the running totals of the pods bound or
 * assumed on it, kept incrementally as pods come and go.
 */
export class NodeInfo {
  node: Node | undefined;
  labels: Readonly<Record<string, string>> = {};
  allocatable: Allocatable = { milliCpu: 0, memory: 0, pods: 0, scalar: new Map() };
  taints: Taint[] = [];
  unschedulable = false;
  readonly requested: Resources = { milliCpu: 0, memory: 0, scalar: new Map() };
  readonly nonZeroRequested = { milliCpu: 0, memory: 0 };
  readonly pods = new Map<string, PodInfo>();
  /** protocol/port → ip → how many pods hold it. */
  private readonly usedPorts = new Map<string, Map<string, number>>();

  constructor(readonly name: string) {}

  setNode(node: Node | undefined): void {
    this.node = node;
    this.labels = node?.metadata.labels ?? {};
    this.allocatable = node ? allocatableOf(node) : { milliCpu: 0, memory: 0, pods: 0, scalar: new Map() };
    this.taints = node ? effectiveTaints(node) : [];
    this.unschedulable = node?.spec?.unschedulable === true;
  }

  addPod(pod: PodInfo): void {
    this.pods.set(pod.key, pod);
    this.adjust(pod, 1);
  }

  removePod(key: string): PodInfo | undefined {
    const pod = this.pods.get(key);
    if (!pod) return undefined;
    this.pods.delete(key);
    this.adjust(pod, -1);
    return pod;
  }

  /** Whether `port` is taken here: the same protocol/port at the same ip, or where either side listens on every address. */
  portInUse(port: HostPort): boolean {
    const ips = this.usedPorts.get(portKey(port));
    if (!ips || ips.size === 0) return false;
    if (port.ip === "0.0.0.0") return true;
    return ips.has(port.ip) || ips.has("0.0.0.0");
  }

  private adjust(pod: PodInfo, sign: 1 | -1): void {
    this.requested.milliCpu += sign * pod.requests.milliCpu;
    this.requested.memory += sign * pod.requests.memory;
    for (const [name, value] of pod.requests.scalar) this.requested.scalar.set(name, (this.requested.scalar.get(name) ?? 0) + sign * value);
    this.nonZeroRequested.milliCpu += sign * pod.nonZeroRequests.milliCpu;
    this.nonZeroRequested.memory += sign * pod.nonZeroRequests.memory;
    for (const port of pod.hostPorts) {
      const key = portKey(port);
      const ips = this.usedPorts.get(key) ?? new Map<string, number>();
      const count = (ips.get(port.ip) ?? 0) + sign;
      if (count > 0) ips.set(port.ip, count);
      else ips.delete(port.ip);
      if (ips.size > 0) this.usedPorts.set(key, ips);
      else this.usedPorts.delete(key);
    }
  }
}
