import type { Container } from "../../../src/api/core/v1/container.js";
import type { ObjectReference } from "../../../src/api/core/v1/object-reference.js";
import type { Pod } from "../../../src/api/core/v1/pod.js";

/**
 * The reference an event about one container carries: the pod, with
 * `fieldPath` `spec.containers{web}` (or `spec.initContainers{...}`), as
 * `kubectl describe pod` groups them.
 */
export function containerReference(pod: Pod, container: Container): ObjectReference {
  const isInit = pod.spec.initContainers?.some((candidate) => candidate.name === container.name) ?? false;
  return {
    kind: "Pod",
    apiVersion: "v1",
    namespace: pod.metadata.namespace,
    name: pod.metadata.name,
    uid: pod.metadata.uid,
    fieldPath: `spec.${isInit ? "initContainers" : "containers"}{${container.name}}`,
  };
}

/** The pod as the kubelet names it in messages: `name_namespace(uid)`. */
export function formatPod(pod: Pod): string {
  return `${pod.metadata.name ?? ""}_${pod.metadata.namespace ?? ""}(${pod.metadata.uid ?? ""})`;
}
