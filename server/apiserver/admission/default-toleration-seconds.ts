import type { Pod } from "../../../src/api/core/v1/pod.js";
import type { Toleration } from "../../../src/api/core/v1/scheduling.js";
import type { AdmissionPlugin } from "./admission.js";

/** Kubernetes' --default-not-ready-toleration-seconds and --default-unreachable-toleration-seconds. */
export const defaultTolerationSeconds = 300;

export interface DefaultTolerationSecondsOptions {
  notReadySeconds?: number;
  unreachableSeconds?: number;
}

const notReadyKey = "node.kubernetes.io/not-ready";
const unreachableKey = "node.kubernetes.io/unreachable";

/** Whether one of the tolerations already covers `key`'s NoExecute taint: by its key, or by an empty key (every key). */
const covers = (tolerations: readonly Toleration[], key: string): boolean =>
  tolerations.some((t) => (t.key === key || !t.key) && (t.effect === "NoExecute" || !t.effect));

/**
 * Kubernetes' DefaultTolerationSeconds admission: a pod (created or
 * updated) that does not already tolerate the `not-ready` or
 * `unreachable` NoExecute taint gets a toleration for it (operator
 * Exists) of 300 s unless told otherwise, so its pods leave a failed node
 * after five minutes instead of at once.
 */
export function defaultTolerationSecondsAdmission(options: DefaultTolerationSecondsOptions = {}): AdmissionPlugin {
  const notReady: Toleration = { key: notReadyKey, operator: "Exists", effect: "NoExecute", tolerationSeconds: options.notReadySeconds ?? defaultTolerationSeconds };
  const unreachable: Toleration = {
    key: unreachableKey,
    operator: "Exists",
    effect: "NoExecute",
    tolerationSeconds: options.unreachableSeconds ?? defaultTolerationSeconds,
  };
  return {
    name: "DefaultTolerationSeconds",
    admit(request) {
      const { resource, object } = request;
      // On updates too, as Kubernetes: a server-side apply that leaves them out of its file must not take them away (a pod may not lose tolerations).
      if (request.operation === "delete" || resource.group !== "" || resource.resource !== "pods" || request.subresource !== "" || !object) return;
      const pod = object as unknown as Pod;
      const tolerations = pod.spec.tolerations ?? [];
      const added = [...(covers(tolerations, notReadyKey) ? [] : [{ ...notReady }]), ...(covers(tolerations, unreachableKey) ? [] : [{ ...unreachable }])];
      if (added.length > 0) pod.spec.tolerations = [...tolerations, ...added];
    },
  };
}
