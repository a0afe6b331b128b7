import type { Clock } from "../../../src/clock.js";

interface Seen {
  /** When this controller last saw the node show a sign of life. */
  probeMs: number;
  heartbeat: string | undefined;
  renewTime: string | undefined;
}

/** The signs of life a node gives: its Ready condition's heartbeat and its Lease's renew time. */
export interface NodeSigns {
  readyHeartbeat: string | undefined;
  leaseRenewTime: string | undefined;
}

/**
 * When each node was last seen alive, as Kubernetes' node lifecycle
 * controller keeps it: the time on this controller's own clock at which the
 * node's Ready heartbeat or its Lease's renewTime last changed. Comparing
 * changes, not the timestamps the node wrote, makes the grace period immune
 * to clock skew between hosts, and gives every node a full grace period
 * after this server (re)starts.
 */
export class NodeHealth {
  private readonly seen = new Map<string, Seen>();

  constructor(private readonly clock: Clock) {}

  /** Records what the node shows now; answers when it was last seen alive. */
  observe(name: string, signs: NodeSigns): number {
    const now = this.clock.now();
    const before = this.seen.get(name);
    if (before === undefined) {
      this.seen.set(name, { probeMs: now, heartbeat: signs.readyHeartbeat, renewTime: signs.leaseRenewTime });
      return now;
    }
    const heartbeatMoved = signs.readyHeartbeat !== undefined && signs.readyHeartbeat !== before.heartbeat;
    const leaseMoved = signs.leaseRenewTime !== undefined && signs.leaseRenewTime !== before.renewTime;
    if (heartbeatMoved || leaseMoved) before.probeMs = now;
    before.heartbeat = signs.readyHeartbeat;
    before.renewTime = signs.leaseRenewTime;
    return before.probeMs;
  }

  forget(name: string): void {
    this.seen.delete(name);
  }
}
