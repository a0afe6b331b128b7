import type { Readable } from "node:stream";
import type Docker from "dockerode";
import { z } from "zod";
import { realClock, sleep, type Clock } from "../../../src/clock.js";
import type { Logger } from "../../../src/log.js";
import type { ContainerEvent } from "../container-runtime.js";
import { isOwnedBy, ownerFilter, ownerLabels, podFromLabels, type Owner } from "./docker-labels.js";
import { forEachLine, parseJson } from "./json-lines.js";

const ACTIONS: Record<string, ContainerEvent["type"]> = { start: "start", die: "die", oom: "oom" };

/** One line of Docker's event stream; a container's labels are its attributes. */
const DockerEvent = z.object({
  Action: z.string(),
  Actor: z.object({ ID: z.string(), Attributes: z.record(z.string(), z.string()).default({}) }),
  timeNano: z.number().optional(),
});

/** Read the engine's event stream as the runtime's events: start, die and OOM of what the owner made. */
export function containerEventOf(line: string, owner: Owner): { event?: ContainerEvent; timeNano?: number } {
  const parsed = DockerEvent.safeParse(parseJson(line));
  if (!parsed.success) return {};
  const { Action, Actor, timeNano } = parsed.data;
  const type = ACTIONS[Action];
  if (!type || !isOwnedBy(owner, Actor.Attributes)) return { timeNano };
  return { event: { type, containerId: Actor.ID, pod: podFromLabels(Actor.Attributes) }, timeNano };
}

export interface EventStreamOptions {
  clock?: Clock;
  /** Whose containers' events to report; default: whatever skiff made. */
  owner?: Owner;
  /** Wait before reconnecting a broken stream; it doubles while the engine stays away, up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
}

/**
 * One subscription to Docker's events, shared by every listener, open while
 * anyone listens. A stream that breaks (dockerd restarted) is reopened from
 * the last event seen, so what happened in between is still reported.
 */
export class DockerEventStream {
  private readonly listeners = new Set<(event: ContainerEvent) => void>();
  private running?: AbortController;
  /** Docker's `since`, from the last event seen (seconds since the epoch, with a fraction). */
  private since = 0;
  private readonly clock: Clock;
  private readonly retryMs: number;
  private readonly maxRetryMs: number;
  private readonly owner: Owner;

  constructor(
    private readonly docker: Docker,
    private readonly log: Logger,
    options: EventStreamOptions = {},
  ) {
    this.clock = options.clock ?? realClock;
    this.retryMs = options.retryMs ?? 1000;
    this.maxRetryMs = options.maxRetryMs ?? 30_000;
    this.owner = options.owner ?? ownerLabels();
  }

  subscribe(listener: (event: ContainerEvent) => void): () => void {
    this.listeners.add(listener);
    if (!this.running) {
      this.running = new AbortController();
      void this.run(this.running.signal);
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) {
        this.running?.abort();
        this.running = undefined;
      }
    };
  }

  private async run(signal: AbortSignal): Promise<void> {
    this.since = this.clock.now() / 1000;
    let retryMs = this.retryMs;
    while (!signal.aborted) {
      try {
        const stream = (await this.docker.getEvents({
          since: this.since,
          filters: { type: ["container"], event: Object.keys(ACTIONS), label: ownerFilter(this.owner) },
          abortSignal: signal,
        })) as Readable;
        retryMs = this.retryMs;
        await forEachLine(stream, (line) => this.deliver(line));
        if (!signal.aborted) this.log.warn("the Docker event stream ended; reconnecting");
      } catch (error) {
        if (signal.aborted) return;
        this.log.warn({ err: error }, "the Docker event stream failed; reconnecting");
      }
      await sleep(this.clock, retryMs, signal);
      retryMs = Math.min(retryMs * 2, this.maxRetryMs);
    }
  }

  private deliver(line: string): void {
    const { event, timeNano } = containerEventOf(line, this.owner);
    if (timeNano !== undefined) this.since = timeNano / 1e9;
    if (!event) return;
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.log.error({ err: error, event }, "a container event listener failed");
      }
    }
  }
}
