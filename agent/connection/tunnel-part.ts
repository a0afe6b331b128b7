import type { AgentPart } from "../agent-part.js";
import type { AgentTunnel } from "./agent-tunnel.js";

/**
 * The agent's one connection to the server as a part of the agent: it is
 * started first, so the kubelet's watches can travel over it, and stopped
 * last. `start` does not wait for the connection: watches wait for it.
 */
export class TunnelPart implements AgentPart {
  readonly name = "tunnel";
  private readonly abort = new AbortController();
  private running: Promise<void> | undefined;

  constructor(private readonly tunnel: AgentTunnel) {}

  async start(): Promise<void> {
    this.running = this.tunnel.run(this.abort.signal);
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
  }
}
