import { badRequest } from "../../src/errors/status.js";
import type { StoredObject } from "../apiserver/storage/object-store.js";

/** kubectl's annotation naming the container a pod's logs and exec default to. */
const DEFAULT_CONTAINER_ANNOTATION = "kubectl.kubernetes.io/default-container";

/** What the log and exec routes need of a stored pod. */
export interface PodTarget {
  namespace: string;
  name: string;
  uid: string;
  /** "" while the pod is not bound to a node. */
  nodeName: string;
  initContainers: string[];
  containers: string[];
  defaultContainer?: string;
}

interface StoredPodSpec {
  nodeName?: string;
  containers?: Array<{ name: string }>;
  initContainers?: Array<{ name: string }>;
}

/** The parts of a pod the routes use (the object was validated when it was stored). */
export function podTargetOf(pod: StoredObject): PodTarget {
  const spec = (pod.spec ?? {}) as StoredPodSpec;
  const target: PodTarget = {
    namespace: pod.metadata.namespace ?? "",
    name: pod.metadata.name ?? "",
    uid: pod.metadata.uid ?? "",
    nodeName: spec.nodeName ?? "",
    initContainers: (spec.initContainers ?? []).map((c) => c.name),
    containers: (spec.containers ?? []).map((c) => c.name),
  };
  const annotated = pod.metadata.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  if (annotated !== undefined) target.defaultContainer = annotated;
  return target;
}

/**
 * The container a request is for, checked as Kubernetes checks it: a named
 * one must be one of the pod's (init containers count); none named means
 * the only container, or the one kubectl's default-container annotation
 * names (kubectl applies that annotation itself; other clients get it here).
 */
export function chooseContainer(pod: PodTarget, requested: string): string {
  const all = [...pod.initContainers, ...pod.containers];
  if (requested !== "") {
    if (!all.includes(requested)) throw badRequest(`container ${requested} is not valid for pod ${pod.name}`);
    return requested;
  }
  if (pod.containers.length === 1) return pod.containers[0]!;
  if (pod.defaultContainer !== undefined && all.includes(pod.defaultContainer)) return pod.defaultContainer;
  throw badRequest(`a container name must be specified for pod ${pod.name}, choose one of: [${all.join(" ")}]`);
}

/** The node an exec goes to; a pod not yet scheduled is a 400, as in Kubernetes. */
export function assignedNode(pod: PodTarget): string {
  if (pod.nodeName === "") throw badRequest(`pod ${pod.name} does not have a host assigned`);
  return pod.nodeName;
}
