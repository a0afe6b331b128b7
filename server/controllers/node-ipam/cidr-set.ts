import { formatIpv4, type Ipv4Cidr, parseIpv4Cidr } from "../../../src/net/ipv4.js";

/**
 * The subnets of one cluster CIDR handed out to nodes (Kubernetes'
 * cidrset): `allocate` gives the next free one after the last given, so a
 * range freed a moment ago is not handed straight to the next node while
 * others are free; `occupy` marks one a node already holds (rebuilding the
 * set after a restart); `release` frees one.
 */
export class CidrSet {
  private readonly cluster: Ipv4Cidr;
  private readonly count: number;
  private readonly used = new Set<number>();
  private next = 0;

  /** @throws Error when the cluster CIDR is not an IPv4 network or the node mask does not fit in it */
  constructor(
    clusterCidr: string,
    readonly nodeMaskSize: number,
  ) {
    const cluster = parseIpv4Cidr(clusterCidr);
    if (!cluster) throw new Error(`the cluster CIDR "${clusterCidr}" is not an IPv4 network (a.b.c.d/n)`);
    if (!Number.isInteger(nodeMaskSize) || nodeMaskSize < cluster.prefix || nodeMaskSize > 32) {
      throw new Error(`a node mask of /${nodeMaskSize} does not fit in the cluster CIDR ${clusterCidr}`);
    }
    this.cluster = cluster;
    this.count = 2 ** (nodeMaskSize - cluster.prefix);
  }

  /** How many subnets are free. */
  get free(): number {
    return this.count - this.used.size;
  }

  /** The next free subnet, now taken; undefined when every one is taken. */
  allocate(): string | undefined {
    for (let step = 0; step < this.count; step++) {
      const index = (this.next + step) % this.count;
      if (this.used.has(index)) continue;
      this.used.add(index);
      this.next = (index + 1) % this.count;
      return this.format(index);
    }
    return undefined;
  }

  /** Marks `cidr` taken; false when it is not one of this set's subnets. */
  occupy(cidr: string): boolean {
    const index = this.indexOf(cidr);
    if (index === undefined) return false;
    this.used.add(index);
    return true;
  }

  /** Frees `cidr` (nothing when it is not one of this set's subnets). */
  release(cidr: string): void {
    const index = this.indexOf(cidr);
    if (index !== undefined) this.used.delete(index);
  }

  private format(index: number): string {
    return `${formatIpv4(this.cluster.base + index * 2 ** (32 - this.nodeMaskSize))}/${this.nodeMaskSize}`;
  }

  private indexOf(cidr: string): number | undefined {
    const parsed = parseIpv4Cidr(cidr);
    if (!parsed || parsed.prefix !== this.nodeMaskSize) return undefined;
    const offset = parsed.base - this.cluster.base;
    const index = offset / 2 ** (32 - this.nodeMaskSize);
    return offset >= 0 && index < this.count ? index : undefined;
  }
}
