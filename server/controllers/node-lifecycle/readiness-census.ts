import type { ReadyStatus } from "./node-status.js";

/**
 * The Ready status of every node, kept from the informer's events, so
 * "is any node Ready?" costs nothing per sync. Nodes without a Ready
 * condition (not reported yet) do not count either way.
 */
export class ReadinessCensus {
  private readonly statuses = new Map<string, ReadyStatus>();
  private ready = 0;

  statusOf(name: string): ReadyStatus {
    return this.statuses.get(name);
  }

  set(name: string, status: ReadyStatus): void {
    this.delete(name);
    if (status === undefined) return;
    this.statuses.set(name, status);
    if (status === "True") this.ready++;
  }

  delete(name: string): void {
    const before = this.statuses.get(name);
    if (before === undefined) return;
    this.statuses.delete(name);
    if (before === "True") this.ready--;
  }

  /** True when nodes have reported and none of them is Ready. */
  allDown(): boolean {
    return this.statuses.size > 0 && this.ready === 0;
  }

  /**
   * Whether every node but `name` is down, counting a Ready node as down
   * when `alive` says its grace has run out although nobody wrote so yet
   * (every node timing out at once: a partition of this server, or a
   * stall of its own). Costs a pass over the nodes: for the rare moment a
   * NoExecute taint is about to be added.
   */
  othersAllDown(name: string, alive: (other: string) => boolean): boolean {
    for (const [other, status] of this.statuses) if (other !== name && status === "True" && alive(other)) return false;
    return true;
  }

  /** `allDown`, as it would be once `name` has `status`. */
  allDownWith(name: string, status: ReadyStatus): boolean {
    const before = this.statuses.get(name);
    const counted = this.statuses.size - (before === undefined ? 0 : 1) + (status === undefined ? 0 : 1);
    const ready = this.ready - (before === "True" ? 1 : 0) + (status === "True" ? 1 : 0);
    return counted > 0 && ready === 0;
  }
}
