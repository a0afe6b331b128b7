import type { PodStatus } from "../../../src/api/core/v1/pod-status.js";
import type { ResourceRef } from "../../../src/client/rest/paths.js";
import { isConflict, isNotFound, type RestClient } from "../../../src/client/rest/rest-client.js";

/** A pod as the status writer addresses it: its name, and the uid a write must still find. */
export interface PodKey {
  namespace: string;
  name: string;
  uid: string;
}

/** Where pod status goes: the API server, or a fake in unit tests. */
export interface PodStatusWriter {
  /**
   * Replaces the pod's status, only if the pod under that name still has
   * `uid`. Resolves false when the pod is gone or is another pod now.
   */
  writeStatus(pod: PodKey, status: PodStatus): Promise<boolean>;
  /** Finishes a graceful deletion (gracePeriodSeconds 0, precondition on the uid); a pod already gone is fine. */
  finishDeletion(pod: PodKey): Promise<void>;
}

const pods: ResourceRef = { group: "", version: "v1", resource: "pods", namespaced: true };

/**
 * The writer over the REST client. The status goes as a JSON patch whose
 * first operation tests `metadata.uid`: the server applies all or nothing,
 * so a status never lands on a pod re-created under the same name.
 */
export function restStatusWriter(client: RestClient): PodStatusWriter {
  return {
    async writeStatus(pod, status) {
      const patch = [
        { op: "test", path: "/metadata/uid", value: pod.uid },
        { op: "add", path: "/status", value: status },
      ];
      try {
        await client.patch(pods, pod.namespace, pod.name, "json", patch, { subresource: "status" });
        return true;
      } catch (error) {
        // 422: the uid test failed, the name belongs to another pod now.
        if (isNotFound(error) || isUidMismatch(error)) return false;
        throw error;
      }
    },
    async finishDeletion(pod) {
      try {
        await client.delete(pods, pod.namespace, pod.name, { gracePeriodSeconds: 0, preconditions: { uid: pod.uid } });
      } catch (error) {
        if (isNotFound(error) || isConflict(error)) return;
        throw error;
      }
    },
  };
}

function isUidMismatch(error: unknown): boolean {
  return error instanceof Error && "code" in error && error.code === 422 && error.message.includes("/metadata/uid");
}
