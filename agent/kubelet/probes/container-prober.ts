import type { Pod } from "../../../src/api/core/v1/pod.js";
import type { Clock } from "../../../src/clock.js";
import type { ProbeState } from "../pod-dependencies.js";
import type { Prober, ProbeTarget } from "./prober.js";
import { probeOf, probeSettings, type ProbeKind } from "./probe-settings.js";
import { ProbeWorker, type ProbeResult } from "./probe-worker.js";

export interface ContainerProberOptions {
  target: ProbeTarget;
  startedAt: Date;
  clock: Clock;
  prober: Prober;
  /** Called whenever `state` changes. */
  onChange: () => void;
}

/**
 * The probes of one container instance (one container id) and what they
 * concluded. The startup probe gates the others: until it succeeds,
 * liveness and readiness do not run and the container is neither started
 * nor ready. Readiness starts false and turns true after successThreshold
 * successes (at once when there is no readiness probe). Liveness — or a
 * startup probe — failing failureThreshold times in a row makes it not live,
 * and that probe then holds until the container is replaced (a new id gets a
 * new ContainerProber). Once the pod is being deleted, liveness and startup
 * stop, so a shutting-down container is not restarted.
 */
export class ContainerProber {
  private current: ProbeState;
  private readonly workers = new Map<ProbeKind, ProbeWorker>();

  constructor(private readonly options: ContainerProberOptions) {
    const { container } = options.target;
    this.current = container.startupProbe
      ? { started: false, ready: false, live: true }
      : { started: true, ready: !container.readinessProbe, live: true };
  }

  get containerId(): string {
    return this.options.target.containerId;
  }

  get state(): ProbeState {
    return { ...this.current };
  }

  start(): void {
    if (this.options.target.container.startupProbe) this.startWorker("startup");
    else this.startGatedWorkers();
  }

  /** The pod object and its IP as they are now; probes read them at each check. */
  update(pod: Pod, podIP: string | undefined): void {
    this.options.target.pod = pod;
    this.options.target.podIP = podIP;
    this.quietIfDeleting();
  }

  stop(): void {
    for (const worker of this.workers.values()) worker.stop();
    this.workers.clear();
  }

  private startGatedWorkers(): void {
    if (this.options.target.container.livenessProbe) this.startWorker("liveness");
    if (this.options.target.container.readinessProbe) this.startWorker("readiness");
  }

  private startWorker(kind: ProbeKind): void {
    const probe = probeOf(this.options.target.container, kind);
    if (!probe || this.workers.has(kind) || (kind !== "readiness" && this.deleting())) return;
    const { clock, prober, target, startedAt } = this.options;
    const settings = probeSettings(probe);
    const worker = new ProbeWorker({
      settings,
      clock,
      firstCheckAt: Math.max(startedAt.getTime() + settings.initialDelayMs, clock.now()),
      check: () => prober.probe(kind, probe, target),
      onResult: (result) => this.concluded(kind, result),
    });
    this.workers.set(kind, worker);
    worker.start();
  }

  private stopWorker(kind: ProbeKind): void {
    this.workers.get(kind)?.stop();
    this.workers.delete(kind);
  }

  private concluded(kind: ProbeKind, result: ProbeResult): void {
    switch (kind) {
      case "startup":
        this.stopWorker("startup");
        if (result === "failure") {
          this.set({ ...this.current, live: false });
          return;
        }
        this.set({ ...this.current, started: true, ready: !this.options.target.container.readinessProbe });
        this.startGatedWorkers();
        return;
      case "liveness":
        if (result === "failure") {
          this.stopWorker("liveness");
          this.set({ ...this.current, live: false });
        }
        return;
      case "readiness":
        this.set({ ...this.current, ready: result === "success" });
        return;
    }
  }

  private deleting(): boolean {
    return this.options.target.pod.metadata.deletionTimestamp !== undefined;
  }

  private quietIfDeleting(): void {
    if (!this.deleting()) return;
    this.stopWorker("startup");
    this.stopWorker("liveness");
  }

  private set(next: ProbeState): void {
    const before = this.current;
    if (before.started === next.started && before.ready === next.ready && before.live === next.live) return;
    this.current = next;
    this.options.onChange();
  }
}
