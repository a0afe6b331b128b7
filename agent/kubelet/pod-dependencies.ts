import type { ConfigMap } from "../../src/api/core/v1/config-map.js";
import type { Container } from "../../src/api/core/v1/container.js";
import type { Pod } from "../../src/api/core/v1/pod.js";
import type { Secret } from "../../src/api/core/v1/secret.js";
import type { ContainerConfig, RegistryAuth } from "../runtime/container-runtime.js";

/**
 * The contracts between the pod workers (`agent/kubelet/pods/`) and the
 * parts they use: what a pod's containers are made from
 * (`agent/kubelet/config/`, `agent/kubelet/volumes/`) and what the probes say
 * (`agent/kubelet/probes/`). Each is passed in, so the pod workers are
 * unit-tested with small fakes and the parts on their own.
 */

/** The ConfigMaps and Secrets the agent watches, read from its informer caches. */
export interface ObjectSource {
  configMap(namespace: string, name: string): ConfigMap | undefined;
  secret(namespace: string, name: string): Secret | undefined;
}

/**
 * Everything a pod's containers are made from besides the runtime: volumes
 * on the node's disk, container configs, pull credentials.
 */
export interface PodResources {
  /**
   * Creates or refreshes the pod's volumes (emptyDir directories, configMap,
   * secret and downwardAPI files, hostPath checks). Idempotent; called on
   * every sync, so updated ConfigMaps and Secrets reach the files. Throws
   * `VolumeSetupError` (the pod's FailedMount event) when one cannot be made.
   */
  prepare(pod: Pod): Promise<void>;
  /**
   * The runtime config of one container of a prepared pod. Throws
   * `ContainerConfigError` (state waiting, reason CreateContainerConfigError)
   * when a ConfigMap, Secret or key it needs is missing.
   */
  containerConfig(pod: Pod, container: Container, context: ContainerContext): ContainerConfig;
  /** The registry credentials of the pod's imagePullSecrets, in order; missing Secrets are skipped. */
  pullAuths(pod: Pod): RegistryAuth[];
  /** Removes everything `prepare` made for the pod. Idempotent. */
  release(podUid: string): Promise<void>;
}

export interface ContainerContext {
  /** restartCount: how many times this container ran before. */
  attempt: number;
  podIP?: string;
  hostIP?: string;
  nodeName: string;
}

/** What the probes last said about one container. */
export interface ProbeState {
  /** startupProbe passed (true when there is none). */
  started: boolean;
  /** readinessProbe passes (true when there is none, once started). */
  ready: boolean;
  /** livenessProbe has not failed `failureThreshold` times in a row. */
  live: boolean;
}

/**
 * Probing of running containers (liveness, readiness, startup; exec, httpGet,
 * tcpSocket), each container on its own timer per its probe settings.
 * Records `Unhealthy` events itself.
 */
export interface ContainerProbes {
  /**
   * Starts probing containers that now run and stops probing those that no
   * longer do; a container id not seen before starts from scratch
   * (initialDelaySeconds, not started, not ready).
   */
  update(pod: Pod, running: RunningContainer[], podIP: string | undefined): void;
  /** Stops every probe of the pod. */
  forget(podUid: string): void;
  /** Undefined for a container not probed (not running). */
  state(podUid: string, containerName: string): ProbeState | undefined;
  /** Called when a container's ProbeState changed, so the pod is synced again. */
  onChange(listener: (podUid: string) => void): () => void;
}

export interface RunningContainer {
  name: string;
  containerId: string;
  startedAt: Date;
}

/** A ConfigMap, Secret or key a container needs is missing. */
export class ContainerConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ContainerConfigError";
  }
}

/** A volume could not be set up; the message is the FailedMount event's. */
export class VolumeSetupError extends Error {
  constructor(
    readonly volume: string,
    message: string,
  ) {
    super(message);
    this.name = "VolumeSetupError";
  }
}
