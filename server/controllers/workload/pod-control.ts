import type { ObjectReference } from "../../../src/api/core/v1/object-reference.js";
import type { EventRecorder } from "../../../src/client/events/event-recorder.js";
import type { ResourceRef } from "../../../src/client/rest/paths.js";
import { isNotFound, type ApiObject, type RestClient } from "../../../src/client/rest/rest-client.js";

export const podsRef: ResourceRef = { group: "", version: "v1", resource: "pods", namespaced: true };

/** The reference an Event about a controller's own object carries. */
export function eventReferenceTo(owner: ApiObject, apiVersion: string, kind: string): ObjectReference {
  return {
    apiVersion,
    kind,
    name: owner.metadata?.name ?? "",
    namespace: owner.metadata?.namespace ?? "",
    uid: String(owner.metadata?.uid ?? ""),
  };
}

/**
 * Kubernetes' PodControl: creates and deletes a controller's pods through
 * the server and says so in Events on the owner (SuccessfulCreate "Created
 * pod: x", FailedCreate "Error creating: ...", SuccessfulDelete "Deleted
 * pod: x", FailedDelete "Error deleting: ...").
 */
export class PodControl {
  constructor(
    private readonly client: RestClient,
    private readonly recorder: EventRecorder,
    private readonly fieldManager: string,
  ) {}

  /** Creates the pod; throws what the server answered after recording it. */
  async create(pod: ApiObject, owner: ObjectReference): Promise<ApiObject> {
    try {
      const created = await this.client.create(podsRef, pod.metadata?.namespace, pod, { fieldManager: this.fieldManager });
      this.recorder.event(owner, "Normal", "SuccessfulCreate", `Created pod: ${created.metadata?.name ?? ""}`);
      return created;
    } catch (error) {
      this.recorder.event(owner, "Warning", "FailedCreate", `Error creating: ${messageOf(error)}`);
      throw error;
    }
  }

  /**
   * Deletes the pod; false when it was already gone. `force` (grace period
   * 0) is for pods no kubelet will ever stop, such as those of a vanished node.
   */
  async delete(pod: ApiObject, owner: ObjectReference, force = false): Promise<boolean> {
    const name = pod.metadata?.name ?? "";
    try {
      await this.client.delete(podsRef, pod.metadata?.namespace, name, {
        ...(force ? { gracePeriodSeconds: 0 } : {}),
        ...(typeof pod.metadata?.uid === "string" ? { preconditions: { uid: pod.metadata.uid } } : {}),
      });
      this.recorder.event(owner, "Normal", "SuccessfulDelete", `Deleted pod: ${name}`);
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      this.recorder.event(owner, "Warning", "FailedDelete", `Error deleting: ${messageOf(error)}`);
      throw error;
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
