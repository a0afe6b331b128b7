import type { Container } from "../../../../src/api/core/v1/container.js";
import type { Pod } from "../../../../src/api/core/v1/pod.js";
import type { PodStatus } from "../../../../src/api/core/v1/pod-status.js";
import type { ObjectReference } from "../../../../src/api/core/v1/object-reference.js";
import type { EventRecorder, EventType } from "../../../../src/client/events/event-recorder.js";
import type { ContainerConfig } from "../../../runtime/container-runtime.js";
import {
  ContainerConfigError,
  VolumeSetupError,
  type ContainerContext,
  type ContainerProbes,
  type PodResources,
  type ProbeState,
  type RunningContainer,
} from "../../pod-dependencies.js";
import type { PodKey, PodStatusWriter } from "../../status/status-writer.js";
import type { LifecycleHooks } from "../../lifecycle/lifecycle-hooks.js";
import type { PodSource } from "../pod-source.js";

/** A PodSource whose pods the test sets. */
export class FakePodSource implements PodSource {
  private readonly pods = new Map<string, Pod>();
  private readonly listeners = new Set<(uid: string) => void>();

  set(pod: Pod): void {
    this.pods.set(pod.metadata.uid ?? "", structuredClone(pod));
    for (const listener of this.listeners) listener(pod.metadata.uid ?? "");
  }

  remove(uid: string): void {
    this.pods.delete(uid);
    for (const listener of this.listeners) listener(uid);
  }

  get(uid: string): Pod | undefined {
    return this.pods.get(uid);
  }

  list(): Pod[] {
    return [...this.pods.values()];
  }

  onChange(listener: (uid: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/**
 * PodResources whose containers need the ConfigMap named by the env var
 * `NEEDS_CONFIGMAP` of their spec (missing → ContainerConfigError), and whose
 * volumes fail while `failMount` is set.
 */
export class FakeResources implements PodResources {
  readonly configMaps = new Set<string>();
  failMount: string | undefined;
  readonly released: string[] = [];
  readonly prepared: string[] = [];

  async prepare(pod: Pod): Promise<void> {
    if (this.failMount !== undefined) throw new VolumeSetupError("data", this.failMount);
    this.prepared.push(pod.metadata.uid ?? "");
  }

  containerConfig(_pod: Pod, container: Container, context: ContainerContext): ContainerConfig {
    const needs = container.env?.find((e) => e.name === "NEEDS_CONFIGMAP")?.value;
    if (needs && !this.configMaps.has(needs)) throw new ContainerConfigError(`configmap "${needs}" not found`);
    return {
      name: container.name,
      attempt: context.attempt,
      specHash: "",
      image: container.image ?? "",
      env: [],
      mounts: [],
      tmpfs: [],
      tty: false,
      stdin: false,
      stdinOnce: false,
      resources: {},
      security: { privileged: false, readOnlyRootFilesystem: false, capabilitiesAdd: [], capabilitiesDrop: [], noNewPrivileges: false },
    };
  }

  pullAuths(): [] {
    return [];
  }

  async release(podUid: string): Promise<void> {
    this.released.push(podUid);
  }
}

/** Probes whose answers the test sets; containers without one are started, ready and live. */
export class FakeProbes implements ContainerProbes {
  readonly states = new Map<string, Partial<ProbeState>>();
  readonly running = new Map<string, RunningContainer[]>();
  private readonly listeners = new Set<(podUid: string) => void>();

  update(pod: Pod, running: RunningContainer[]): void {
    this.running.set(pod.metadata.uid ?? "", running);
  }

  forget(podUid: string): void {
    this.running.delete(podUid);
  }

  state(podUid: string, containerName: string): ProbeState | undefined {
    if (!this.running.get(podUid)?.some((c) => c.name === containerName)) return undefined;
    return { started: true, ready: true, live: true, ...this.states.get(`${podUid}/${containerName}`) };
  }

  set(podUid: string, containerName: string, state: Partial<ProbeState>): void {
    this.states.set(`${podUid}/${containerName}`, state);
    for (const listener of this.listeners) listener(podUid);
  }

  onChange(listener: (podUid: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export interface RecordedEvent {
  fieldPath?: string;
  type: EventType;
  reason: string;
  message: string;
}

export class RecordingEvents implements EventRecorder {
  readonly events: RecordedEvent[] = [];

  event(involved: ObjectReference, type: EventType, reason: string, message: string): void {
    this.events.push({ ...(involved.fieldPath ? { fieldPath: involved.fieldPath } : {}), type, reason, message });
  }

  reasons(): string[] {
    return this.events.map((e) => e.reason);
  }
}

export class FakeHooks implements LifecycleHooks {
  readonly calls: string[] = [];
  failPostStart: string | undefined;

  async postStart(_pod: Pod, container: Container): Promise<void> {
    this.calls.push(`postStart ${container.name}`);
    if (this.failPostStart !== undefined) throw new Error(this.failPostStart);
  }

  async preStop(_pod: Pod, container: Container): Promise<void> {
    this.calls.push(`preStop ${container.name}`);
  }
}

export class FakeStatusWriter implements PodStatusWriter {
  readonly writes: Array<{ pod: PodKey; status: PodStatus }> = [];
  readonly deletions: PodKey[] = [];
  failures = 0;
  /** The uid the server has under each name; a write for another uid is refused. */
  readonly uids = new Map<string, string>();

  async writeStatus(pod: PodKey, status: PodStatus): Promise<boolean> {
    if (this.failures > 0) {
      this.failures--;
      throw new Error("connection refused");
    }
    const current = this.uids.get(`${pod.namespace}/${pod.name}`);
    if (current !== undefined && current !== pod.uid) return false;
    this.writes.push({ pod, status: structuredClone(status) });
    return true;
  }

  async finishDeletion(pod: PodKey): Promise<void> {
    this.deletions.push(pod);
  }
}
