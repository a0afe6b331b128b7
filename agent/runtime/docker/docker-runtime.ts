import Docker from "dockerode";
import type { Clock } from "../../../src/clock.js";
import type { Logger } from "../../../src/log.js";
import type {
  AttachOptions,
  ContainerConfig,
  ContainerEvent,
  ContainerRuntime,
  ContainerStatus,
  ExecOptions,
  ExecSession,
  ImageInfo,
  LogOptions,
  LogSink,
  RegistryAuth,
  SandboxConfig,
  SandboxStatus,
} from "../container-runtime.js";
import { attachToContainer, execInContainer } from "./container-exec.js";
import { DockerEventStream } from "./container-events.js";
import { copyContainerLogs } from "./container-logs.js";
import { DockerContainers } from "./containers.js";
import { dockerCall } from "./docker-errors.js";
import { CONTAINER_TYPE, ownerLabels, type Owner } from "./docker-labels.js";
import { DockerImages } from "./images.js";
import { inspectOwned, KnownOwned } from "./owned-containers.js";
import { DockerSandboxes } from "./sandboxes.js";
import { TerminationMessageFiles } from "./termination-message.js";

/**
 * A hung daemon must read as down rather than hold the node's status loop.
 * Only these calls are bounded: stops, pulls, logs and events take as long
 * as they take, so the Docker client itself must have no timeout.
 */
const INFO_TIMEOUT_MS = 5_000;

/** The call's answer, or a rejection once `ms` passed without one. */
function bounded<T>(call: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([call, expired]).finally(() => clearTimeout(timer));
}

export interface DockerRuntimeOptions {
  /** The engine, without a client timeout; Docker's defaults (DOCKER_HOST, else /var/run/docker.sock) when not given. */
  docker?: Docker;
  /** Where the containers' termination message files live, e.g. `/var/lib/skiff/agent/termination`. */
  terminationMessageDir: string;
  log: Logger;
  /** For the event stream's reconnects. */
  clock?: Clock;
  /**
   * The node this runtime serves: what it makes carries the name, and it
   * sees and touches nothing else. Without it, it serves whatever skiff made.
   */
  node?: string;
}

/**
 * The ContainerRuntime on a Docker Engine: pods as a pause container plus
 * containers in its namespaces, named and labelled as dockershim did.
 *
 * @example
 * const runtime = new DockerRuntime({ terminationMessageDir: "/var/lib/skiff/termination", log });
 * await runtime.ping();
 */
export class DockerRuntime implements ContainerRuntime {
  private readonly docker: Docker;
  private readonly images: DockerImages;
  private readonly containers: DockerContainers;
  private readonly sandboxes: DockerSandboxes;
  private readonly events: DockerEventStream;
  private readonly owner: Owner;

  constructor(options: DockerRuntimeOptions) {
    this.docker = options.docker ?? new Docker();
    this.owner = ownerLabels(options.node);
    this.images = new DockerImages(this.docker);
    const owned = new KnownOwned();
    this.containers = new DockerContainers(
      this.docker,
      this.owner,
      this.images,
      new TerminationMessageFiles(options.terminationMessageDir),
      owned,
    );
    this.sandboxes = new DockerSandboxes(this.docker, this.owner, (id) => this.containers.removeIfAny(id), owned);
    this.events = new DockerEventStream(this.docker, options.log.child({ component: "docker-events" }), {
      clock: options.clock,
      owner: this.owner,
    });
  }

  async version(): Promise<{ name: string; version: string }> {
    const info = await dockerCall("docker version", () => bounded(this.docker.version(), INFO_TIMEOUT_MS));
    return { name: "docker", version: info.Version };
  }

  async ping(): Promise<void> {
    await dockerCall("ping docker", () => bounded(this.docker.ping(), INFO_TIMEOUT_MS));
  }

  runPodSandbox(config: SandboxConfig): Promise<string> {
    return this.sandboxes.run(config);
  }

  stopPodSandbox(sandboxId: string): Promise<void> {
    return this.sandboxes.stop(sandboxId);
  }

  removePodSandbox(sandboxId: string): Promise<void> {
    return this.sandboxes.remove(sandboxId);
  }

  listPodSandboxes(filter?: { podUid?: string }): Promise<SandboxStatus[]> {
    return this.sandboxes.list(filter);
  }

  createContainer(sandboxId: string, config: ContainerConfig, sandbox: SandboxConfig): Promise<string> {
    return this.containers.create(sandboxId, config, sandbox);
  }

  startContainer(containerId: string): Promise<void> {
    return this.containers.start(containerId);
  }

  stopContainer(containerId: string, timeoutSeconds: number): Promise<void> {
    return this.containers.stop(containerId, timeoutSeconds);
  }

  removeContainer(containerId: string): Promise<void> {
    return this.containers.remove(containerId);
  }

  listContainers(filter?: { podUid?: string; sandboxId?: string }): Promise<ContainerStatus[]> {
    return this.containers.list(filter);
  }

  containerStatus(containerId: string): Promise<ContainerStatus> {
    return this.containers.status(containerId);
  }

  imageStatus(image: string): Promise<ImageInfo | undefined> {
    return this.images.status(image);
  }

  pullImage(image: string, auths: RegistryAuth[]): Promise<ImageInfo> {
    return this.images.pull(image, auths);
  }

  async containerLogs(containerId: string, options: LogOptions, out: LogSink, signal: AbortSignal): Promise<void> {
    const info = await inspectOwned(this.docker, this.owner, containerId, CONTAINER_TYPE, `logs of container ${containerId}`);
    await copyContainerLogs(this.docker, info.Id, info.Config.Tty, options, out, signal);
  }

  exec(containerId: string, options: ExecOptions): Promise<ExecSession> {
    return execInContainer(this.docker, this.owner, containerId, options);
  }

  attach(containerId: string, options: AttachOptions): Promise<ExecSession> {
    return attachToContainer(this.docker, this.owner, containerId, options);
  }

  onContainerEvent(listener: (event: ContainerEvent) => void): () => void {
    return this.events.subscribe(listener);
  }
}
