/** IPv4 addresses and networks as numbers, for the pod and service ranges the server hands out and the agent sets up. */

/** An IPv4 network: its first address as a number, and the prefix length. */
export interface Ipv4Cidr {
  base: number;
  prefix: number;
}

const cidrPattern = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** `a.b.c.d` as a number; undefined for anything else. */
export function parseIpv4(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = value * 256 + Number(part);
  }
  return value;
}

export const formatIpv4 = (address: number): string => [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join(".");

/**
 * Parses `a.b.c.d/n`; undefined for anything else. With `strict` (the
 * default) an address with host bits set is refused, as a network must be
 * written; without, it names the network that holds it.
 *
 * @example
 * parseIpv4Cidr("10.42.3.7/24", { strict: false }) // { base: 10.42.3.0 as a number, prefix: 24 }
 */
export function parseIpv4Cidr(text: string, options: { strict?: boolean } = {}): Ipv4Cidr | undefined {
  const match = cidrPattern.exec(text.trim());
  if (!match) return undefined;
  const address = parseIpv4(match.slice(1, 5).join("."));
  const prefix = Number(match[5]);
  if (address === undefined || prefix > 32) return undefined;
  const size = 2 ** (32 - prefix);
  const base = Math.floor(address / size) * size;
  if (base !== address && options.strict !== false) return undefined;
  return { base, prefix };
}

export const formatIpv4Cidr = (cidr: Ipv4Cidr): string => `${formatIpv4(cidr.base)}/${cidr.prefix}`;
