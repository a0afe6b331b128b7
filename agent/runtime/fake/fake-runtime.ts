import { randomBytes } from "node:crypto";
import { realClock, sleep, type Clock, type Timer } from "../../../src/clock.js";
import {
  RuntimeError,
  RuntimeNotFoundError,
  type AttachOptions,
  type ContainerConfig,
  type ContainerEvent,
  type ContainerRuntime,
  type ContainerStatus,
  type ExecOptions,
  type ExecSession,
  type ImageInfo,
  type LogOptions,
  type LogSink,
  type RegistryAuth,
  type SandboxConfig,
  type SandboxStatus,
} from "../container-runtime.js";
import { FakeImages } from "./fake-images.js";
import type { FakeExecHandler, FakeProcessScript, FakeProcessScripter } from "./fake-process.js";
import { finishedSession } from "./fake-streams.js";
import { IpPool } from "./ip-pool.js";

export interface FakeRuntimeOptions {
  clock?: Clock;
  /** The node's pod CIDR, where sandboxes get their IPs. Default 10.42.0.0/24. */
  podCidr?: string;
  /** The script of each container's process; default: runs until stopped. */
  processes?: FakeProcessScripter;
  /** The answer to `exec`; default: exit 0, no output. */
  exec?: FakeExecHandler;
}

interface FakeSandbox {
  status: SandboxStatus;
}

interface FakeContainer {
  status: ContainerStatus;
  script: FakeProcessScript;
  timers: Timer[];
  log: Array<{ stream: "stdout" | "stderr"; text: string; at: Date }>;
}

/** Docker's exit codes for a process ended by SIGTERM and by SIGKILL. */
const EXIT_SIGTERM = 143;
const EXIT_SIGKILL = 137;

/**
 * A `ContainerRuntime` in memory, behaving as the Docker one does where the
 * kubelet can tell: stop and sandbox removal are idempotent, unknown ids are
 * `RuntimeNotFoundError`s, exited containers carry exitCode, reason and
 * finishedAt, and start/die/oom events are emitted. Each container's
 * process follows a script chosen by the test; time is the injected clock.
 */
export class FakeRuntime implements ContainerRuntime {
  readonly images = new FakeImages();
  /** Replaceable by tests at any time; applies to containers started afterwards. */
  processes: FakeProcessScripter;
  execHandler: FakeExecHandler;
  private readonly clock: Clock;
  private readonly ips: IpPool;
  private readonly sandboxes = new Map<string, FakeSandbox>();
  private readonly containers = new Map<string, FakeContainer>();
  private readonly listeners = new Set<(event: ContainerEvent) => void>();
  /** Set by a test to make the engine unreachable: every call then fails. */
  down = false;

  constructor(options: FakeRuntimeOptions = {}) {
    this.clock = options.clock ?? realClock;
    this.ips = new IpPool(options.podCidr ?? "10.42.0.0/24");
    this.processes = options.processes ?? (() => ({}));
    this.execHandler = options.exec ?? (() => ({ exitCode: 0 }));
  }

  async version(): Promise<{ name: string; version: string }> {
    this.check("version");
    return { name: "fake", version: "1.0.0" };
  }

  async ping(): Promise<void> {
    this.check("ping");
  }

  async runPodSandbox(config: SandboxConfig): Promise<string> {
    this.check("run sandbox");
    this.images.require(config.image);
    const id = newId();
    const status: SandboxStatus = {
      id,
      pod: { ...config.pod },
      attempt: config.attempt,
      state: "ready",
      hostNetwork: config.hostNetwork,
      createdAt: new Date(this.clock.now()),
    };
    if (!config.hostNetwork) status.ip = this.ips.allocate();
    this.sandboxes.set(id, { status });
    this.emit({ type: "start", containerId: id, pod: status.pod });
    return id;
  }

  async stopPodSandbox(sandboxId: string): Promise<void> {
    this.check(`stop sandbox ${sandboxId}`);
    // As CRI's StopPodSandbox: a sandbox already gone is stopped.
    const sandbox = this.sandboxes.get(sandboxId);
    if (!sandbox) return;
    for (const container of this.containers.values()) {
      if (container.status.sandboxId === sandboxId && container.status.state === "running") this.end(container, EXIT_SIGKILL, "Error");
    }
    if (sandbox.status.state === "ready") this.killSandbox(sandboxId);
  }

  async removePodSandbox(sandboxId: string): Promise<void> {
    this.check("remove sandbox");
    const sandbox = this.sandboxes.get(sandboxId);
    if (!sandbox) return;
    // As CRI's RemovePodSandbox: containers still in it are killed and removed.
    for (const container of [...this.containers.values()]) {
      if (container.status.sandboxId === sandboxId) await this.removeContainer(container.status.id);
    }
    if (sandbox.status.state === "ready") this.killSandbox(sandboxId);
    this.sandboxes.delete(sandboxId);
  }

  async listPodSandboxes(filter: { podUid?: string } = {}): Promise<SandboxStatus[]> {
    this.check("list sandboxes");
    return [...this.sandboxes.values()]
      .map((s) => s.status)
      .filter((s) => filter.podUid === undefined || s.pod.uid === filter.podUid)
      .map((s) => structuredClone(s));
  }

  async createContainer(sandboxId: string, config: ContainerConfig, sandbox: SandboxConfig): Promise<string> {
    this.sandbox(sandboxId, "create container");
    const image = this.images.require(config.image);
    const id = newId();
    const status: ContainerStatus = {
      id,
      pod: { ...sandbox.pod },
      sandboxId,
      name: config.name,
      attempt: config.attempt,
      specHash: config.specHash,
      state: "created",
      image: config.image,
      imageRef: image.ref,
      createdAt: new Date(this.clock.now()),
    };
    this.containers.set(id, { status, script: this.processes(config, sandbox.pod), timers: [], log: [] });
    return id;
  }

  async startContainer(containerId: string): Promise<void> {
    const container = this.container(containerId, "start container");
    if (container.status.state === "running") return;
    const sandbox = this.sandboxes.get(container.status.sandboxId);
    if (!sandbox || sandbox.status.state !== "ready") {
      throw new RuntimeError(`start container ${containerId}`, "the sandbox's network namespace is gone");
    }
    const { script, status } = container;
    const now = new Date(this.clock.now());
    status.startedAt = now;
    delete status.finishedAt;
    delete status.exitCode;
    delete status.reason;
    delete status.message;
    if (script.cannotRun !== undefined) {
      status.finishedAt = now;
      this.end(container, 128, "ContainerCannotRun", script.cannotRun);
      throw new RuntimeError(`start container ${containerId}`, script.cannotRun);
    }
    status.state = "running";
    container.log.push(...(script.logs ?? []).map((line) => ({ ...line, at: now })));
    this.emit({ type: "start", containerId, pod: status.pod });
    const { exit, oomAfterMs } = script;
    if (exit) container.timers.push(this.clock.setTimer(exit.afterMs, () => this.end(container, exit.code, exit.code === 0 ? "Completed" : "Error", exit.message)));
    if (oomAfterMs !== undefined) container.timers.push(this.clock.setTimer(oomAfterMs, () => this.end(container, EXIT_SIGKILL, "OOMKilled")));
  }

  async stopContainer(containerId: string, timeoutSeconds: number): Promise<void> {
    const container = this.container(containerId, "stop container");
    if (container.status.state !== "running") return;
    if (container.script.ignoresSigterm) {
      await sleep(this.clock, Math.max(timeoutSeconds, 0) * 1000);
      if (container.status.state === "running") this.end(container, EXIT_SIGKILL, "Error");
      return;
    }
    this.end(container, EXIT_SIGTERM, "Error");
  }

  async removeContainer(containerId: string): Promise<void> {
    const container = this.container(containerId, "remove container");
    // As `docker rm --force`: a running container is killed first.
    if (container.status.state === "running") this.end(container, EXIT_SIGKILL, "Error");
    this.containers.delete(containerId);
  }

  async listContainers(filter: { podUid?: string; sandboxId?: string } = {}): Promise<ContainerStatus[]> {
    this.check("list containers");
    return [...this.containers.values()]
      .map((c) => c.status)
      .filter((s) => (filter.podUid === undefined || s.pod.uid === filter.podUid) && (filter.sandboxId === undefined || s.sandboxId === filter.sandboxId))
      .map((s) => structuredClone(s));
  }

  async containerStatus(containerId: string): Promise<ContainerStatus> {
    return structuredClone(this.container(containerId, "inspect container").status);
  }

  async imageStatus(image: string): Promise<ImageInfo | undefined> {
    this.check(`inspect image ${image}`);
    return this.images.status(image);
  }

  async pullImage(image: string, auths: RegistryAuth[]): Promise<ImageInfo> {
    this.check(`pull ${image}`);
    return this.images.pull(image, auths);
  }

  async containerLogs(containerId: string, options: LogOptions, out: LogSink, signal: AbortSignal): Promise<void> {
    const container = this.container(containerId, "logs");
    let lines = container.log.filter((line) => !options.since || line.at >= options.since);
    if (options.tailLines !== undefined) lines = lines.slice(Math.max(lines.length - options.tailLines, 0));
    let remaining = options.limitBytes ?? Number.POSITIVE_INFINITY;
    for (const line of lines) {
      // The kubelet's timestamps are Go's RFC3339Nano: no trailing zeros in the fraction.
      const text = options.timestamps ? `${line.at.toISOString().replace(/\.?0+Z$/, "Z")} ${line.text}` : line.text;
      const bytes = Buffer.from(text).subarray(0, remaining);
      await out.write(line.stream, bytes);
      remaining -= bytes.length;
      if (remaining <= 0) return;
    }
    if (options.follow && container.status.state === "running" && !signal.aborted) {
      await new Promise<void>((resolve) => {
        const stop = this.onContainerEvent((event) => {
          if (event.containerId === containerId && event.type === "die") done();
        });
        const done = (): void => {
          stop();
          signal.removeEventListener("abort", done);
          resolve();
        };
        signal.addEventListener("abort", done, { once: true });
      });
    }
  }

  async exec(containerId: string, options: ExecOptions): Promise<ExecSession> {
    const container = this.container(containerId, "exec");
    if (container.status.state !== "running") throw new RuntimeError(`exec in ${containerId}`, `container ${containerId} is not running`);
    return finishedSession(this.execHandler(containerId, options.command), options);
  }

  async attach(containerId: string, options: AttachOptions): Promise<ExecSession> {
    const container = this.container(containerId, "attach");
    const output = container.log.map((line) => line.text).join("");
    return finishedSession({ stdout: output, exitCode: container.status.exitCode ?? 0 }, options);
  }

  onContainerEvent(listener: (event: ContainerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Test helper: the sandbox's process dies (its network namespace is gone).
   * `silently` leaves out the event, as when the engine's event stream broke.
   */
  killSandbox(sandboxId: string, options: { silently?: boolean } = {}): void {
    const sandbox = this.sandboxes.get(sandboxId);
    if (!sandbox || sandbox.status.state !== "ready") return;
    sandbox.status.state = "notready";
    if (sandbox.status.ip) this.ips.release(sandbox.status.ip);
    delete sandbox.status.ip;
    if (!options.silently) this.emit({ type: "die", containerId: sandboxId, pod: sandbox.status.pod });
  }

  /** Test helper: a running container's process exits now with `code`. */
  exitContainer(containerId: string, code: number): void {
    const container = this.containers.get(containerId);
    if (container?.status.state === "running") this.end(container, code, code === 0 ? "Completed" : "Error");
  }

  private end(container: FakeContainer, exitCode: number, reason: string, message?: string): void {
    for (const timer of container.timers.splice(0)) timer.cancel();
    const { status } = container;
    const wasRunning = status.state === "running";
    status.state = "exited";
    status.exitCode = exitCode;
    status.reason = reason;
    status.finishedAt = new Date(this.clock.now());
    if (message !== undefined) status.message = message;
    if (reason === "OOMKilled") this.emit({ type: "oom", containerId: status.id, pod: status.pod });
    if (wasRunning) this.emit({ type: "die", containerId: status.id, pod: status.pod });
  }

  private emit(event: ContainerEvent): void {
    for (const listener of [...this.listeners]) listener(structuredClone(event));
  }

  private check(operation: string): void {
    if (this.down) throw new RuntimeError(operation, "Cannot connect to the Docker daemon (fake engine is down)");
  }

  private sandbox(id: string, operation: string): FakeSandbox {
    this.check(`${operation} ${id}`);
    const sandbox = this.sandboxes.get(id);
    if (!sandbox) throw new RuntimeNotFoundError(`${operation} ${id}`, `No such container: ${id}`);
    return sandbox;
  }

  private container(id: string, operation: string): FakeContainer {
    this.check(`${operation} ${id}`);
    const container = this.containers.get(id);
    if (!container) throw new RuntimeNotFoundError(`${operation} ${id}`, `No such container: ${id}`);
    return container;
  }
}

function newId(): string {
  return randomBytes(32).toString("hex");
}
