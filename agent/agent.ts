import type { Logger } from "../src/log.js";
import type { AgentPart } from "./agent-part.js";

/**
 * The skiff agent of one host: its parts (the node; the kubelet, the tunnel
 * and the proxy join them), started in the order given and stopped in the
 * reverse order. A part that fails to start stops the ones already started,
 * and the failure is thrown. Stopping leaves running containers alone.
 */
export class Agent {
  private started: AgentPart[] = [];

  constructor(
    private readonly parts: readonly AgentPart[],
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    for (const part of this.parts) {
      // Counted before it is up: a stop while it starts (SIGTERM during registration) must reach it.
      this.started.push(part);
      try {
        await part.start();
      } catch (error) {
        this.log.error({ err: error, part: part.name }, "an agent part failed to start; stopping the others");
        await this.stop();
        throw error;
      }
      this.log.info({ part: part.name }, "agent part started");
    }
  }

  /** Stops every part started or starting, last first; a part that fails to stop is logged and the others still stop. */
  async stop(): Promise<void> {
    const running = this.started.reverse();
    this.started = [];
    for (const part of running) {
      await part.stop().catch((error: unknown) => this.log.error({ err: error, part: part.name }, "an agent part failed to stop"));
    }
  }
}
