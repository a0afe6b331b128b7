import type { Pod } from "../../../src/api/core/v1/pod.js";
import type { ObjectReference } from "../../../src/api/core/v1/object-reference.js";
import type { EventRecorder, EventType } from "../../../src/client/events/event-recorder.js";

/** Events about one pod, or one of its containers (`involvedObject.fieldPath` `spec.containers{NAME}`). */
export class PodEvents {
  constructor(
    private readonly recorder: EventRecorder,
    private readonly pod: Pod,
  ) {}

  forPod(type: EventType, reason: string, message: string): void {
    this.recorder.event(this.reference(), type, reason, message);
  }

  container(name: string, type: EventType, reason: string, message: string): void {
    const isInit = (this.pod.spec.initContainers ?? []).some((c) => c.name === name);
    this.recorder.event({ ...this.reference(), fieldPath: `spec.${isInit ? "initContainers" : "containers"}{${name}}` }, type, reason, message);
  }

  private reference(): ObjectReference {
    const { metadata } = this.pod;
    const reference: ObjectReference = { kind: "Pod", apiVersion: "v1" };
    if (metadata.namespace) reference.namespace = metadata.namespace;
    if (metadata.name) reference.name = metadata.name;
    if (metadata.uid) reference.uid = metadata.uid;
    if (metadata.resourceVersion) reference.resourceVersion = metadata.resourceVersion;
    return reference;
  }
}

/** `name_namespace(uid)`, as the kubelet names a pod in messages. */
export function podDescription(pod: Pod): string {
  return `${pod.metadata.name ?? ""}_${pod.metadata.namespace ?? ""}(${pod.metadata.uid ?? ""})`;
}
