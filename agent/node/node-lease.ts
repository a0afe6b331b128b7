import type { Lease } from "../../src/api/coordination/v1/lease.js";
import { realClock, type Clock } from "../../src/clock.js";
import { isConflict, isNotFound, type RestClient } from "../../src/client/rest/rest-client.js";
import type { Logger } from "../../src/log.js";
import { leasesRef, nodeLeaseNamespace } from "./node-refs.js";

/** A Lease held this long without renewal means the node is gone (Kubernetes' default). */
export const nodeLeaseDurationSeconds = 40;

/** metav1.MicroTime: RFC 3339 with microseconds. */
export const microTime = (ms: number): string => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");

export interface NodeLeaseOptions {
  client: Pick<RestClient, "create" | "get" | "update">;
  nodeName: string;
  /** The Node's uid, for the owner reference (the Lease goes when the Node does). */
  nodeUid: string;
  clock?: Clock;
  log: Logger;
}

/**
 * The node's heartbeat, as the kubelet's lease controller: the Lease
 * `kube-node-lease/<node>` held by the node, its renewTime moved to now on
 * every `renew`. The Lease last written is kept, so a renewal is one PUT;
 * when that one is stale (409) or gone (404) it is read or made again.
 */
export class NodeLease {
  private latest: Lease | undefined;
  private readonly clock: Clock;

  constructor(private readonly options: NodeLeaseOptions) {
    this.clock = options.clock ?? realClock;
  }

  /** Renews (or creates) the Lease; a failure is thrown for the caller to log and retry. */
  async renew(): Promise<void> {
    const { client, nodeName } = this.options;
    if (this.latest) {
      try {
        this.latest = await client.update<Lease>(leasesRef, nodeLeaseNamespace, this.renewed(this.latest));
        return;
      } catch (error) {
        this.latest = undefined;
        if (!isConflict(error) && !isNotFound(error)) throw error;
      }
    }
    let current: Lease | undefined;
    try {
      current = await client.get<Lease>(leasesRef, nodeLeaseNamespace, nodeName);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    this.latest = current
      ? await client.update<Lease>(leasesRef, nodeLeaseNamespace, this.renewed(current))
      : await client.create<Lease>(leasesRef, nodeLeaseNamespace, this.renewed(this.fresh()));
  }

  private fresh(): Lease {
    const { nodeName, nodeUid } = this.options;
    return {
      apiVersion: "coordination.k8s.io/v1",
      kind: "Lease",
      metadata: { name: nodeName, namespace: nodeLeaseNamespace, ownerReferences: [{ apiVersion: "v1", kind: "Node", name: nodeName, uid: nodeUid }] },
      spec: {},
    };
  }

  private renewed(lease: Lease): Lease {
    return {
      ...lease,
      spec: { ...lease.spec, holderIdentity: this.options.nodeName, leaseDurationSeconds: nodeLeaseDurationSeconds, renewTime: microTime(this.clock.now()) },
    };
  }
}
