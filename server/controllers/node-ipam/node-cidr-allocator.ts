import { CidrSet } from "./cidr-set.js";

/** What the allocator wants done for a node. */
export type CidrDecision =
  /** Nothing to write: the node holds its range, or is gone. */
  | { kind: "none" }
  /** Write `cidr` as the node's spec.podCIDR(s). */
  | { kind: "assign"; cidr: string }
  /** No range is free: warn, and try again later. */
  | { kind: "exhausted" };

/** The pod CIDR a Node holds, as its spec says. */
export const podCidrOf = (node: { spec?: { podCIDR?: string | undefined; podCIDRs?: string[] | undefined } | undefined }): string | undefined =>
  node.spec?.podCIDRs?.[0] ?? (node.spec?.podCIDR || undefined);

/**
 * Which node holds which range of the cluster CIDR: the ranges nodes hold
 * (learned from the Nodes themselves, so a restart rebuilds it) plus those
 * handed out and not yet seen written. A node without a range gets the next
 * free one, and the same one again until its write is seen; a node that is
 * gone gives its range back.
 */
export class NodeCidrAllocator {
  private readonly held = new Map<string, string>();

  constructor(private readonly set: CidrSet) {}

  /** Looks at a node as the cache has it now (undefined: it was deleted) and says what to write. */
  decide(name: string, node: Parameters<typeof podCidrOf>[0] | undefined): CidrDecision {
    const previous = this.held.get(name);
    if (node === undefined) {
      if (previous !== undefined) this.forget(name, previous);
      return { kind: "none" };
    }
    const current = podCidrOf(node);
    if (current !== undefined) {
      if (previous !== current) {
        if (previous !== undefined) this.forget(name, previous);
        // A range outside the cluster CIDR (set by hand) is the node's business, not ours to track.
        if (this.set.occupy(current)) this.held.set(name, current);
      }
      return { kind: "none" };
    }
    if (previous !== undefined) return { kind: "assign", cidr: previous };
    const cidr = this.set.allocate();
    if (cidr === undefined) return { kind: "exhausted" };
    this.held.set(name, cidr);
    return { kind: "assign", cidr };
  }

  /** The write of `cidr` failed for good (the node went away): give it back. */
  abandon(name: string, cidr: string): void {
    if (this.held.get(name) === cidr) this.forget(name, cidr);
  }

  private forget(name: string, cidr: string): void {
    this.held.delete(name);
    // Two nodes set by hand to one range: it stays taken while either holds it.
    if (![...this.held.values()].includes(cidr)) this.set.release(cidr);
  }
}
