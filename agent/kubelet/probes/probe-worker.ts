import type { Clock, Timer } from "../../../src/clock.js";
import type { ProbeSettings } from "./probe-settings.js";

export type ProbeResult = "success" | "failure";

export interface ProbeWorkerOptions {
  settings: ProbeSettings;
  clock: Clock;
  /** When the first check runs (the container's start plus initialDelaySeconds), in ms since the epoch. */
  firstCheckAt: number;
  /** One check; undefined when it errored (not counted). */
  check: () => Promise<ProbeResult | undefined>;
  /** Called after every check once the same result came `successThreshold` / `failureThreshold` times in a row. */
  onResult: (result: ProbeResult) => void;
}

/**
 * One probe of one container on its own timer: a check at `firstCheckAt`,
 * then every periodSeconds after the start of the previous check (never two
 * at once: a slow check delays the next). A result counts once it repeats
 * its threshold's number of times in a row, as in the kubelet's worker.
 */
export class ProbeWorker {
  private timer: Timer | undefined;
  private stopped = false;
  private lastResult: ProbeResult | undefined;
  private run = 0;

  constructor(private readonly options: ProbeWorkerOptions) {}

  start(): void {
    this.schedule(this.options.firstCheckAt);
  }

  /** No check starts after this; one in flight is ignored when it ends. */
  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
  }

  private schedule(at: number): void {
    if (this.stopped) return;
    const { clock } = this.options;
    this.timer = clock.setTimer(at - clock.now(), () => void this.checkOnce());
  }

  private async checkOnce(): Promise<void> {
    const { clock, settings, check, onResult } = this.options;
    const startedAt = clock.now();
    // A check that throws (it should not) counts as errored rather than ending the worker.
    const result = await check().catch(() => undefined);
    if (this.stopped) return;
    if (result !== undefined) {
      if (result === this.lastResult) this.run++;
      else {
        this.lastResult = result;
        this.run = 1;
      }
      const threshold = result === "success" ? settings.successThreshold : settings.failureThreshold;
      if (this.run >= threshold) onResult(result);
    }
    this.schedule(Math.max(startedAt + settings.periodMs, clock.now()));
  }
}
