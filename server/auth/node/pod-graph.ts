import type { Pod } from "../../../src/api/core/v1/pod.js";
import type { SharedInformer } from "../../../src/client/informer/index.js";
import type { ResourceRef } from "../../../src/client/rest/paths.js";
import type { ApiObject } from "../../../src/client/rest/rest-client.js";
import type { Controller, ControllerContext } from "../../controllers/controller.js";
import { podReferences, type PodReference, type ReferencedResource } from "../../../src/api/core/v1/pod-references.js";

const podsRef: ResourceRef = { group: "", version: "v1", resource: "pods", namespaced: true };

/** Index of bound pods by `node/resource/namespace/name` of each object they reference. */
const referenceIndex = "node-reference";

const referenceKey = (node: string, resource: string, namespace: string, name: string): string =>
  `${node}/${resource}/${namespace}/${name}`;

/** What the graph keeps of a pod: its node and what it references, not the pod (10,000 pods cost little). */
interface PodLinks extends ApiObject {
  metadata: { name: string; namespace: string; uid?: string; resourceVersion?: string };
  nodeName: string;
  references: PodReference[];
}

/** Reduces a pod as the API sends it to its links. */
function linksOf(pod: Pod): PodLinks {
  const { name = "", namespace = "", uid, resourceVersion } = pod.metadata;
  const metadata: PodLinks["metadata"] = { name, namespace };
  if (uid !== undefined) metadata.uid = uid;
  if (resourceVersion !== undefined) metadata.resourceVersion = resourceVersion;
  return { metadata, nodeName: pod.spec.nodeName ?? "", references: pod.spec.nodeName ? podReferences(pod) : [] };
}

/**
 * Which node runs which pods, and which objects those pods need: the graph
 * the node authorizer decides by (Kubernetes' node authorizer graph). It is
 * a cache of every pod, fed by list + watch over the server's loopback
 * client, so an authorization costs a map lookup and never a store read.
 *
 * It runs as one of the server's controllers. Until its first list is in,
 * and for a moment after each change, it may not know a binding yet: a node
 * is then refused and retries, as kubelets do.
 */
export class PodGraph implements Controller {
  readonly name = "node-authorizer-graph";
  private informer: SharedInformer<PodLinks> | undefined;

  async run(context: ControllerContext, signal: AbortSignal): Promise<void> {
    const informer = context.informer<PodLinks>(podsRef, {
      log: context.log,
      // The informer hands over pods as the API sends them; the cache keeps only their links.
      transform: (pod) => linksOf(pod as unknown as Pod),
      indexers: {
        [referenceIndex]: (links) =>
          links.references.map((ref) => referenceKey(links.nodeName, ref.resource, links.metadata.namespace, ref.name)),
      },
    });
    this.informer = informer;
    await informer.run(signal);
  }

  /** True once every pod has been read once. */
  hasSynced(): boolean {
    return this.informer?.hasSynced() ?? false;
  }

  /** Whether the pod `namespace/name` is bound to `node`. */
  podIsBoundTo(node: string, namespace: string, name: string): boolean {
    return this.informer?.lister.get(namespace, name)?.nodeName === node;
  }

  /** Whether some pod bound to `node` references the object `namespace/name` of `resource`. */
  isReferencedFrom(node: string, resource: ReferencedResource, namespace: string, name: string): boolean {
    return (this.informer?.lister.byIndex(referenceIndex, referenceKey(node, resource, namespace, name)).length ?? 0) > 0;
  }
}
