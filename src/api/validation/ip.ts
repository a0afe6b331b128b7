import { isIPv4, isIPv6 } from "node:net";

/*
 * IP address and CIDR validation as Kubernetes does it for new fields
 * (apimachinery's IsValidIP / IsValidCIDR, strict mode), with its messages.
 * Go's "sloppy" parser is mirrored only to tell a leading-zero address apart
 * from garbage, as Kubernetes' messages do.
 */

/** An IP address as parsed: its family and its 4 or 16 bytes. */
interface ParsedIP {
  family: 4 | 6;
  bytes: number[];
}

/** Parses an IPv4 address, tolerating the leading zeros Go's sloppy parser accepts ("010.1.1.1"). */
function parseIPv4Sloppy(value: string): number[] | undefined {
  const parts = value.split(".");
  if (parts.length !== 4) return undefined;
  const bytes: number[] = [];
  for (const part of parts) {
    if (!/^[0-9]{1,12}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    bytes.push(octet);
  }
  return bytes;
}

function parseIPv6(value: string): number[] | undefined {
  // node accepts zone ids ("fe80::1%eth0"); Kubernetes does not.
  if (!isIPv6(value) || value.includes("%")) return undefined;
  let text = value;
  const tail: number[] = [];
  const lastColon = text.lastIndexOf(":");
  if (text.includes(".", lastColon)) {
    const v4 = parseIPv4Sloppy(text.slice(lastColon + 1));
    if (!v4) return undefined;
    tail.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
    text = text.slice(0, lastColon + 1) + "0";
  }
  const hextets = (groups: string): number[] =>
    groups === "" ? [] : groups.split(":").map((group) => Number.parseInt(group, 16));
  const [head = "", rest] = text.split("::");
  const front = hextets(head);
  const back = rest === undefined ? [] : hextets(rest);
  if (tail.length > 0) {
    (rest === undefined ? front : back).splice(-1, 1, ...tail);
  }
  const zeros = rest === undefined ? [] : new Array<number>(8 - front.length - back.length).fill(0);
  const words = [...front, ...zeros, ...back];
  return words.flatMap((word) => [word >> 8, word & 0xff]);
}

function parseIPSloppy(value: string): ParsedIP | undefined {
  const v4 = parseIPv4Sloppy(value);
  if (v4) return { family: 4, bytes: v4 };
  const v6 = parseIPv6(value);
  return v6 ? { family: 6, bytes: v6 } : undefined;
}

/** `::ffff:a.b.c.d`: an IPv4 address written as IPv6. */
function isIPv4Mapped(ip: ParsedIP): boolean {
  return ip.family === 6 && ip.bytes.slice(0, 10).every((b) => b === 0) && ip.bytes[10] === 0xff && ip.bytes[11] === 0xff;
}

/** The canonical text of an address: dotted decimal, or RFC 5952 for IPv6. */
function formatIP(ip: ParsedIP): string {
  if (ip.family === 4) return ip.bytes.join(".");
  const words: number[] = [];
  for (let i = 0; i < 16; i += 2) words.push(((ip.bytes[i] ?? 0) << 8) | (ip.bytes[i + 1] ?? 0));
  // Compress the first longest run of two or more zero words.
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let end = i;
    while (end < 8 && words[end] === 0) end++;
    if (end - i > bestLength) {
      bestStart = i;
      bestLength = end - i;
    }
    i = end;
  }
  const hex = (part: number[]): string => part.map((word) => word.toString(16)).join(":");
  if (bestStart < 0) return hex(words);
  return `${hex(words.slice(0, bestStart))}::${hex(words.slice(bestStart + bestLength))}`;
}

/**
 * An IP address as Kubernetes validates new fields (strict): IPv4 without
 * leading zeros, no IPv4-mapped IPv6, and in canonical form.
 */
export function isValidIP(value: string): string[] {
  const ip = parseIPSloppy(value);
  if (!ip) return ["must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"];
  // node's isIPv4 is Go's strict parser: it refuses what only leading zeros made sloppy.
  if (ip.family === 4 && !isIPv4(value)) return ["must not have leading 0s"];
  if (isIPv4Mapped(ip)) return ["must not be an IPv4-mapped IPv6 address"];
  const canonical = formatIP(ip);
  return value === canonical ? [] : [`must be in canonical form (${JSON.stringify(canonical)})`];
}

/**
 * A CIDR ("subnet") as Kubernetes validates new fields (strict): no
 * leading zeros in address or prefix length, no IPv4-mapped IPv6, no bits
 * set beyond the prefix, canonical form. `10.42.0.0/16`, `fd00::/64`.
 */
export function isValidCIDR(value: string): string[] {
  const invalidCIDR = ["must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"];
  const slash = value.indexOf("/");
  if (slash < 0) return invalidCIDR;
  const address = value.slice(0, slash);
  const lengthText = value.slice(slash + 1);
  const ip = parseIPSloppy(address);
  if (!ip || !/^[0-9]{1,12}$/.test(lengthText)) return invalidCIDR;
  const prefixLength = Number(lengthText);
  if (prefixLength > ip.bytes.length * 8) return invalidCIDR;

  const leadingZeros = (ip.family === 4 && !isIPv4(address)) || (lengthText.length > 1 && lengthText.startsWith("0"));
  if (leadingZeros) return ["must not have leading 0s in IP or prefix length"];
  if (isIPv4Mapped(ip)) return ["must not have an IPv4-mapped IPv6 address"];
  const masked = ip.bytes.map((byte, i) => {
    const bitsKept = Math.min(8, Math.max(0, prefixLength - i * 8));
    return byte & ((0xff << (8 - bitsKept)) & 0xff);
  });
  if (masked.some((byte, i) => byte !== ip.bytes[i])) return ["must not have bits set beyond the prefix length"];
  const canonical = `${formatIP(ip)}/${prefixLength}`;
  return value === canonical ? [] : [`must be in canonical form (${JSON.stringify(canonical)})`];
}
