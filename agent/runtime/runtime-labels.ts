/**
 * Labels on every sandbox and container the agent makes. The
 * `io.kubernetes.*` keys are the ones Kubernetes' own Docker integration
 * (dockershim) used, so tools that read them (cAdvisor, ...) understand
 * skiff's containers; the `skiff.dev/*` keys are skiff's own. A container
 * without `MANAGED_BY` = `MANAGER` is never touched.
 */
export const RuntimeLabel = {
  podUid: "io.kubernetes.pod.uid",
  podNamespace: "io.kubernetes.pod.namespace",
  podName: "io.kubernetes.pod.name",
  containerName: "io.kubernetes.container.name",
  /** "podsandbox" or "container", as dockershim set it. */
  type: "io.kubernetes.docker.type",
  managedBy: "skiff.dev/managed-by",
  /** The node whose agent made it: agents sharing one engine (tests, a lab) never touch each other's pods. */
  node: "skiff.dev/node",
  attempt: "skiff.dev/attempt",
  specHash: "skiff.dev/spec-hash",
  sandboxId: "skiff.dev/sandbox-id",
  hostNetwork: "skiff.dev/host-network",
  terminationMessagePath: "skiff.dev/termination-message-path",
} as const;

export const MANAGER = "skiff-agent";

/** The container name dockershim gave a pod's sandbox. */
export const SANDBOX_CONTAINER_NAME = "POD";
