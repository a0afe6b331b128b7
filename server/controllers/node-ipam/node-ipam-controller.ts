import type { Node } from "../../../src/api/core/v1/node.js";
import { runController } from "../../../src/client/controller/run-controller.js";
import { RestEventRecorder } from "../../../src/client/events/rest-event-recorder.js";
import type { ResourceRef } from "../../../src/client/rest/paths.js";
import { isNotFound, type ApiObject } from "../../../src/client/rest/rest-client.js";
import { RateLimitingQueue } from "../../../src/client/workqueue/index.js";
import type { Controller, ControllerContext } from "../controller.js";
import { CidrSet } from "./cidr-set.js";
import { NodeCidrAllocator, podCidrOf } from "./node-cidr-allocator.js";

const nodesRef: ResourceRef = { group: "", version: "v1", resource: "nodes", namespaced: false };

export const defaultClusterCidr = "10.42.0.0/16";
export const defaultNodeCidrMaskSize = 24;

export interface NodeIpamOptions {
  /** The pod network of the whole cluster (default 10.42.0.0/16). */
  clusterCidr?: string;
  /** The prefix length of each node's range (default 24). */
  nodeMaskSize?: number;
}

type NodeObject = ApiObject & Pick<Node, "spec">;

/** The cluster's ranges are not all taken: a sync that found none fails and is retried with back-off. */
class CidrNotAvailableError extends Error {
  constructor(node: string, clusterCidr: string) {
    super(`no free range in the cluster CIDR ${clusterCidr} for node ${node}`);
    this.name = "CidrNotAvailableError";
  }
}

/**
 * Kubernetes' node IPAM controller (range allocator): every Node without
 * `spec.podCIDR` gets the next free range of the cluster CIDR, written as
 * `spec.podCIDR` and `spec.podCIDRs`. The ranges in use are learned from
 * the Nodes before the first allocation, so a restarted server never hands
 * one out twice; a deleted Node frees its range. When none is free the Node
 * gets a Warning Event `CIDRNotAvailable` and is tried again.
 *
 * @throws Error at once when the cluster CIDR or the mask is unusable.
 */
export function nodeIpamController(options: NodeIpamOptions = {}): Controller {
  const clusterCidr = options.clusterCidr ?? defaultClusterCidr;
  const set = new CidrSet(clusterCidr, options.nodeMaskSize ?? defaultNodeCidrMaskSize);
  return {
    name: "node-ipam",
    async run({ client, informer, log }: ControllerContext, signal: AbortSignal): Promise<void> {
      const allocator = new NodeCidrAllocator(set);
      const recorder = new RestEventRecorder({ client, component: "cidrAllocator", log });
      const nodes = informer<NodeObject>(nodesRef);
      const queue = new RateLimitingQueue<string>();
      const nameOf = (node: NodeObject): string => node.metadata?.name ?? "";
      nodes.addEventHandler({
        onAdd: (node) => queue.add(nameOf(node)),
        onUpdate: (_old, node) => queue.add(nameOf(node)),
        onDelete: (node) => {
          queue.add(nameOf(node));
          // A range came free: nodes that waited for one need not wait for their back-off.
          for (const waiting of nodes.lister.list()) if (podCidrOf(waiting) === undefined) queue.add(nameOf(waiting));
        },
      });
      await runController({
        informers: [nodes],
        queue,
        workers: 1,
        log,
        signal,
        // Every range in use is known before the first one is handed out.
        onSynced: () => {
          for (const node of nodes.lister.list()) if (podCidrOf(node) !== undefined) allocator.decide(nameOf(node), node);
        },
        sync: async (name) => {
          const node = nodes.lister.get(undefined, name);
          const decision = allocator.decide(name, node);
          if (decision.kind === "none" || node === undefined) return;
          if (decision.kind === "exhausted") {
            const ref = { apiVersion: "v1", kind: "Node", name, uid: String(node.metadata?.uid ?? "") };
            recorder.event(ref, "Warning", "CIDRNotAvailable", `Node ${name} status is now: CIDRNotAvailable (no free /${set.nodeMaskSize} left in ${clusterCidr})`);
            throw new CidrNotAvailableError(name, clusterCidr);
          }
          const patch = { spec: { podCIDR: decision.cidr, podCIDRs: [decision.cidr] } };
          try {
            await client.patch(nodesRef, undefined, name, "merge", patch, { fieldManager: "node-ipam-controller" });
            log.info({ node: name, podCIDR: decision.cidr }, "allocated the node's pod CIDR");
          } catch (error) {
            if (!isNotFound(error)) throw error;
            allocator.abandon(name, decision.cidr);
          }
        },
      });
      await recorder.flush();
    },
  };
}
