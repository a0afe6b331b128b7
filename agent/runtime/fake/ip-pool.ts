/**
 * Hands out host addresses of an IPv4 CIDR (network, gateway .1 and
 * broadcast excluded), lowest free first, as a bridge's IPAM does.
 */
export class IpPool {
  private readonly base: number;
  private readonly size: number;
  private readonly used = new Set<number>();

  constructor(cidr: string) {
    const match = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
    const octets = match?.slice(1, 5).map(Number) ?? [];
    const prefix = Number(match?.[5]);
    if (!match || octets.some((o) => o > 255) || prefix < 8 || prefix > 30) throw new RangeError(`not an IPv4 CIDR with room for pods: ${cidr}`);
    const address = octets.reduce((acc, o) => acc * 256 + o, 0);
    this.size = 2 ** (32 - prefix);
    this.base = address - (address % this.size);
  }

  /** The next free address; throws when the range is full. */
  allocate(): string {
    for (let offset = 2; offset < this.size - 1; offset++) {
      if (this.used.has(offset)) continue;
      this.used.add(offset);
      return format(this.base + offset);
    }
    throw new RangeError("no free address left in the pod CIDR");
  }

  release(ip: string): void {
    const offset = parse(ip) - this.base;
    this.used.delete(offset);
  }
}

function format(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

function parse(ip: string): number {
  return ip.split(".").reduce((acc, o) => acc * 256 + Number(o), 0);
}
