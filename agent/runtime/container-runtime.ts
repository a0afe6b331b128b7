import type { Readable, Writable } from "node:stream";

/**
 * What the kubelet part asks of a container engine, in the spirit of
 * Kubernetes' CRI: a pod is one sandbox (it holds the network namespace)
 * plus containers joined to it. The Docker implementation is
 * `agent/runtime/docker/`; `agent/runtime/fake/` implements the same
 * contract in memory for unit tests and for simulating many nodes.
 *
 * Every sandbox and container a runtime creates carries the labels of
 * `runtime-labels.ts`; `list*` return only those, so nothing the agent did
 * not make is ever touched.
 *
 * An id or image that does not exist is a `RuntimeNotFoundError`; any other
 * failure of the engine is a `RuntimeError` naming what was attempted.
 */
export interface ContainerRuntime extends RuntimeInfo {
  runPodSandbox(config: SandboxConfig): Promise<string>;
  /** Stops the sandbox and every container in it; the pod's IP is given back. Idempotent. */
  stopPodSandbox(sandboxId: string): Promise<void>;
  /** Removes a stopped sandbox (its containers must be removed first). Idempotent. */
  removePodSandbox(sandboxId: string): Promise<void>;
  listPodSandboxes(filter?: { podUid?: string }): Promise<SandboxStatus[]>;

  /** Creates (does not start) a container in the sandbox's namespaces. */
  createContainer(sandboxId: string, config: ContainerConfig, sandbox: SandboxConfig): Promise<string>;
  startContainer(containerId: string): Promise<void>;
  /** SIGTERM (or the image's stop signal), then SIGKILL after `timeoutSeconds`. Idempotent. */
  stopContainer(containerId: string, timeoutSeconds: number): Promise<void>;
  removeContainer(containerId: string): Promise<void>;
  listContainers(filter?: { podUid?: string; sandboxId?: string }): Promise<ContainerStatus[]>;
  containerStatus(containerId: string): Promise<ContainerStatus>;

  /** The image's local reference if it is present, else undefined. */
  imageStatus(image: string): Promise<ImageInfo | undefined>;
  /** Pulls with the first of `auths` the registry accepts (none: anonymous). */
  pullImage(image: string, auths: RegistryAuth[]): Promise<ImageInfo>;

  /** Copies the container's log to `out` until it ends (or, following, until `signal`). */
  containerLogs(containerId: string, options: LogOptions, out: LogSink, signal: AbortSignal): Promise<void>;
  /** Runs a command in a running container. */
  exec(containerId: string, options: ExecOptions): Promise<ExecSession>;
  /** Attaches to the container's own process (its TTY when it has one). */
  attach(containerId: string, options: AttachOptions): Promise<ExecSession>;

  /**
   * Calls `listener` for each lifecycle change of a container or sandbox the
   * runtime made (start, die, OOM), so the kubelet resyncs that pod at once
   * instead of at its next periodic relist. Returns the unsubscribe.
   */
  onContainerEvent(listener: (event: ContainerEvent) => void): () => void;
}

/** The part the node's status needs. */
export interface RuntimeInfo {
  /** e.g. { name: "docker", version: "26.1.5" }; a Node's containerRuntimeVersion is `docker://26.1.5`. */
  version(): Promise<{ name: string; version: string }>;
  /** Resolves while the engine answers; rejects with a RuntimeError when it does not. */
  ping(): Promise<void>;
}

export interface PodIdentity {
  uid: string;
  namespace: string;
  name: string;
}

export interface SandboxConfig {
  pod: PodIdentity;
  /** How many sandboxes this pod had before (0 first); a new one replaces a dead one. */
  attempt: number;
  /** The pause image. */
  image: string;
  hostname: string;
  /** Share the node's network namespace instead of getting a pod IP. */
  hostNetwork: boolean;
  /** The node's pod network (a Docker bridge network on the node's pod CIDR); unused with hostNetwork. */
  network?: string;
  dns?: { servers: string[]; searches: string[]; options: string[] };
  /** Extra /etc/hosts lines (hostAliases). */
  hosts?: Array<{ ip: string; hostnames: string[] }>;
  /** hostPort mappings: published on the sandbox, since it owns the network namespace. */
  portMappings: PortMapping[];
  /** Labels of the pod, kept on the sandbox for tools (not used for matching). */
  podLabels: Record<string, string>;
  /** The pod's containers share the sandbox's PID namespace (spec.shareProcessNamespace). */
  shareProcessNamespace?: boolean;
}

export interface PortMapping {
  protocol: "TCP" | "UDP" | "SCTP";
  containerPort: number;
  hostPort: number;
  hostIP?: string;
}

export type SandboxState = "ready" | "notready";

export interface SandboxStatus {
  id: string;
  pod: PodIdentity;
  attempt: number;
  state: SandboxState;
  /** The pod IP on the pod network; undefined with hostNetwork or when not running. */
  ip?: string;
  hostNetwork: boolean;
  createdAt: Date;
}

export interface ContainerConfig {
  /** The container's name in the pod spec. */
  name: string;
  /** How many times this container ran before (restartCount). */
  attempt: number;
  /** Hash of the container's spec: a changed spec means a new container. */
  specHash: string;
  /** The image reference as resolved by pullImage/imageStatus. */
  image: string;
  /** Overrides the image's entrypoint when set (Kubernetes `command`). */
  command?: string[];
  /** Overrides the image's cmd when set (Kubernetes `args`). */
  args?: string[];
  workingDir?: string;
  env: Array<{ name: string; value: string }>;
  mounts: Mount[];
  /** Memory-backed directories (emptyDir medium Memory). */
  tmpfs: Array<{ containerPath: string; sizeBytes?: number }>;
  tty: boolean;
  stdin: boolean;
  stdinOnce: boolean;
  resources: LinuxResources;
  security: LinuxSecurity;
  /** Where the container writes its termination message (default /dev/termination-log). */
  terminationMessagePath?: string;
}

export interface Mount {
  hostPath: string;
  containerPath: string;
  readOnly: boolean;
}

export interface LinuxResources {
  /** From limits.memory. */
  memoryLimitBytes?: number;
  /** From limits.cpu: quota per period (period 100000 µs). */
  cpuQuota?: number;
  cpuPeriod?: number;
  /** From requests.cpu (millicores × 1024 / 1000, at least 2). */
  cpuShares?: number;
}

export interface LinuxSecurity {
  /** Numeric user and group, when the pod or container sets them. */
  runAsUser?: number;
  runAsGroup?: number;
  supplementalGroups?: number[];
  privileged: boolean;
  readOnlyRootFilesystem: boolean;
  capabilitiesAdd: string[];
  capabilitiesDrop: string[];
  /** allowPrivilegeEscalation false → no-new-privileges. */
  noNewPrivileges: boolean;
}

export type ContainerState = "created" | "running" | "exited" | "unknown";

export interface ContainerStatus {
  id: string;
  pod: PodIdentity;
  sandboxId: string;
  name: string;
  attempt: number;
  specHash: string;
  state: ContainerState;
  /** The image as asked for. */
  image: string;
  /** The image's digest reference (a pod's containerStatuses[].imageID). */
  imageRef: string;
  createdAt: Date;
  startedAt?: Date;
  finishedAt?: Date;
  exitCode?: number;
  /** Kubernetes' terminated reasons: "Completed", "Error", "OOMKilled", "ContainerCannotRun". */
  reason?: string;
  /** The termination message (from terminationMessagePath), or the engine's error. */
  message?: string;
}

export interface ImageInfo {
  /** What pullImage/imageStatus were asked for. */
  image: string;
  /** The digest reference, e.g. `docker-pullable://registry/name@sha256:...` or the image id. */
  ref: string;
  sizeBytes: number;
}

export interface RegistryAuth {
  /** As in a dockerconfigjson's `auths` key, e.g. `127.0.0.1:5000`. */
  serverAddress: string;
  username: string;
  password: string;
}

export interface LogOptions {
  follow: boolean;
  timestamps: boolean;
  tailLines?: number;
  since?: Date;
  limitBytes?: number;
}

/** Where a container's log goes: each call is one chunk of one stream. */
export interface LogSink {
  write(stream: "stdout" | "stderr", chunk: Buffer): Promise<void>;
}

export interface ExecOptions {
  command: string[];
  tty: boolean;
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
}

export type AttachOptions = Omit<ExecOptions, "command">;

export interface ExecSession {
  /** Present when stdin was asked for; ending it closes the process's stdin. */
  stdin?: Writable;
  /** stdout (with a TTY, everything the terminal shows). */
  stdout?: Readable;
  /** Absent with a TTY. */
  stderr?: Readable;
  resize(width: number, height: number): Promise<void>;
  /** Resolves with the exit code once the process ended and its output was read. */
  exitCode: Promise<number>;
  /** Ends the session (the process may keep running, as with docker exec). */
  close(): void;
}

export interface ContainerEvent {
  type: "start" | "die" | "oom";
  containerId: string;
  pod: PodIdentity;
}

/** An engine call failed; `operation` says what was attempted, e.g. `start container 3f2a…`. */
export class RuntimeError extends Error {
  constructor(
    readonly operation: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${operation}: ${message}`, options);
    this.name = "RuntimeError";
  }
}

/** The container, sandbox or image does not exist. */
export class RuntimeNotFoundError extends RuntimeError {
  constructor(operation: string, message: string, options?: { cause?: unknown }) {
    super(operation, message, options);
    this.name = "RuntimeNotFoundError";
  }
}

/** A pull the registry refused or could not serve (a pod's ErrImagePull). */
export class ImagePullError extends RuntimeError {
  constructor(
    readonly image: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`pull ${image}`, message, options);
    this.name = "ImagePullError";
  }
}
