import type { Node } from "../../src/api/core/v1/node.js";
import type { ClusterView } from "./framework.js";
import { NodeInfo } from "./node-info.js";
import { hasAffinityTerms, type PodInfo } from "./pod-info.js";

interface CachedPod {
  info: PodInfo;
  /** Placed by this scheduler and not yet seen bound by the informer. */
  assumed: boolean;
}

/**
 * kube-scheduler's cache: nodes, and every pod bound — or *assumed*, the
 * moment the scheduler decided, before its binding returns — with per-node
 * totals kept as pods come and go (never recomputed by a scan). Pods bound
 * to a node not (yet) known wait on a placeholder NodeInfo that is not
 * offered for scheduling.
 */
export class SchedulerCache implements ClusterView {
  private readonly infos = new Map<string, NodeInfo>();
  /** The nodes with a Node object, for scheduling; `nodeIndex` finds one's slot. */
  private readonly nodeList: NodeInfo[] = [];
  private readonly nodeIndex = new Map<string, number>();
  private readonly pods = new Map<string, CachedPod>();
  private readonly affinityPods = new Set<PodInfo>();
  /** Owner uid → node → pods of that owner there; keyed by NodeInfo so a score reads it without hashing names. */
  private readonly ownerPlacement = new Map<string, Map<NodeInfo, number>>();

  constructor(private readonly namespaceLabelsOf: (namespace: string) => Readonly<Record<string, string>> | undefined = () => undefined) {}

  get nodes(): readonly NodeInfo[] {
    return this.nodeList;
  }

  get podsWithAffinity(): ReadonlySet<PodInfo> {
    return this.affinityPods;
  }

  podsOfOwner(ownerUid: string): ReadonlyMap<NodeInfo, number> | undefined {
    return this.ownerPlacement.get(ownerUid);
  }

  namespaceLabels(namespace: string): Readonly<Record<string, string>> | undefined {
    return this.namespaceLabelsOf(namespace);
  }

  node(name: string): NodeInfo | undefined {
    return this.infos.get(name);
  }

  /** A Node added or changed. */
  setNode(node: Node): void {
    const name = node.metadata.name ?? "";
    const info = this.infoFor(name);
    info.setNode(node);
    if (!this.nodeIndex.has(name)) {
      this.nodeIndex.set(name, this.nodeList.length);
      this.nodeList.push(info);
    }
  }

  /** A Node deleted: it is no longer offered; its pods stay counted until they go (as they will). */
  removeNode(name: string): void {
    const info = this.infos.get(name);
    if (!info) return;
    info.setNode(undefined);
    const index = this.nodeIndex.get(name);
    if (index !== undefined) {
      // Swap with the last so removal is O(1); the order only decides where sampling starts.
      const last = this.nodeList.pop()!;
      if (last !== info) {
        this.nodeList[index] = last;
        this.nodeIndex.set(last.name, index);
      }
      this.nodeIndex.delete(name);
    }
    if (info.pods.size === 0) this.infos.delete(name);
  }

  /** Whether the pod is placed by this scheduler and its binding not yet seen. */
  isAssumed(key: string): boolean {
    return this.pods.get(key)?.assumed === true;
  }

  /** The scheduler decided: count the pod on `nodeName` now, before the binding returns. */
  assume(pod: PodInfo, nodeName: string): void {
    this.place({ ...pod, nodeName }, true);
  }

  /** The binding failed: the pod is no longer counted where it was assumed (unless the informer saw it bound meanwhile). */
  forget(key: string): void {
    if (this.pods.get(key)?.assumed) this.remove(key);
  }

  /**
   * The informer's version of a pod. A bound pod that has not finished is
   * counted on its node (confirming an assumption); a finished one frees
   * its node; an unbound one changes nothing (its assumption, if any, stands
   * until the binding answers).
   */
  setPod(pod: PodInfo, finished: boolean): void {
    if (finished) this.remove(pod.key);
    else if (pod.nodeName !== "") this.place(pod, false);
  }

  /** The pod is gone. */
  removePod(key: string): void {
    this.remove(key);
  }

  private place(pod: PodInfo, assumed: boolean): void {
    this.remove(pod.key);
    this.pods.set(pod.key, { info: pod, assumed });
    const node = this.infoFor(pod.nodeName);
    node.addPod(pod);
    if (hasAffinityTerms(pod)) this.affinityPods.add(pod);
    if (pod.ownerUid !== undefined) this.countOwner(pod.ownerUid, node, 1);
  }

  private countOwner(ownerUid: string, node: NodeInfo, change: 1 | -1): void {
    const placement = this.ownerPlacement.get(ownerUid) ?? new Map<NodeInfo, number>();
    const count = (placement.get(node) ?? 0) + change;
    if (count > 0) placement.set(node, count);
    else placement.delete(node);
    if (placement.size > 0) this.ownerPlacement.set(ownerUid, placement);
    else this.ownerPlacement.delete(ownerUid);
  }

  private remove(key: string): void {
    const cached = this.pods.get(key);
    if (!cached) return;
    this.pods.delete(key);
    this.affinityPods.delete(cached.info);
    const info = this.infos.get(cached.info.nodeName);
    if (!info) return;
    info.removePod(key);
    if (cached.info.ownerUid !== undefined) this.countOwner(cached.info.ownerUid, info, -1);
    if (info.node === undefined && info.pods.size === 0) this.infos.delete(info.name);
  }

  private infoFor(name: string): NodeInfo {
    let info = this.infos.get(name);
    if (!info) {
      info = new NodeInfo(name);
      this.infos.set(name, info);
    }
    return info;
  }
}
