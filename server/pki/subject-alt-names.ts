import { isIP } from "node:net";
import { InvalidTlsSanError } from "./errors.js";
import type { HostAddresses } from "./host-addresses.js";

/**
 * The names a certificate is valid for, canonical (DNS names lowercase, IPv6
 * compressed), unique and sorted, so two lists compare equal exactly when a
 * client would accept the same names.
 */
export interface SubjectAltNames {
  dnsNames: string[];
  ipAddresses: string[];
}

/** One `--tls-san` value, told apart. */
export type SubjectAltName = { kind: "dns"; name: string } | { kind: "ip"; address: string };

/** The first IP of the default service CIDR 10.43.0.0/16: the `kubernetes` Service's ClusterIP. */
export const KUBERNETES_SERVICE_IP = "10.43.0.1";

/** The names pods use for the API server (cluster domain cluster.local). */
const KUBERNETES_SERVICE_NAMES = [
  "kubernetes",
  "kubernetes.default",
  "kubernetes.default.svc",
  "kubernetes.default.svc.cluster.local",
];

const LOOPBACK = { dnsNames: ["localhost"], ipAddresses: ["127.0.0.1", "::1"] };

const MAX_DNS_NAME_LENGTH = 253;
const DNS_LABEL = "[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?";
// An RFC 1123 subdomain, optionally a wildcard in the leftmost label only (as X.509 allows).
const DNS_NAME = new RegExp(`^(?:\\*\\.)?${DNS_LABEL}(?:\\.${DNS_LABEL})*$`);

/**
 * The canonical text of an IP address (IPv6 compressed and lowercase), or
 * undefined when `value` is not one. Zone ids (`fe80::1%eth0`) are not
 * addresses a certificate can name.
 */
export function canonicalIp(value: string): string | undefined {
  const family = isIP(value);
  if (family === 4) return value;
  if (family !== 6 || value.includes("%")) return undefined;
  // The URL parser prints IPv6 in RFC 5952 form, whatever form it was given in.
  return new URL(`http://[${value}]/`).hostname.slice(1, -1);
}

/** The canonical DNS name, or undefined when `value` is not a valid one. */
export function canonicalDnsName(value: string): string | undefined {
  const name = value.toLowerCase();
  return name.length <= MAX_DNS_NAME_LENGTH && DNS_NAME.test(name) ? name : undefined;
}

/**
 * Parses one `--tls-san` value: an IP address or a DNS name.
 *
 * @throws InvalidTlsSanError when it is neither.
 * @example parseTlsSan("skiff.home.arpa") // { kind: "dns", name: "skiff.home.arpa" }
 */
export function parseTlsSan(value: string): SubjectAltName {
  const trimmed = value.trim();
  const address = canonicalIp(trimmed);
  if (address !== undefined) return { kind: "ip", address };
  const name = canonicalDnsName(trimmed);
  if (name !== undefined) return { kind: "dns", name };
  throw new InvalidTlsSanError(value);
}

/** Canonical, unique, sorted; values that are not valid names or addresses are dropped. */
export function subjectAltNames(dnsNames: Iterable<string>, ipAddresses: Iterable<string>): SubjectAltNames {
  const names = new Set<string>();
  for (const value of dnsNames) {
    const name = canonicalDnsName(value);
    if (name !== undefined) names.add(name);
  }
  const ips = new Set<string>();
  for (const value of ipAddresses) {
    const ip = canonicalIp(value);
    if (ip !== undefined) ips.add(ip);
  }
  return { dnsNames: [...names].sort(), ipAddresses: [...ips].sort() };
}

/**
 * The names the API server's certificate must cover: the host's name and
 * addresses, loopback, the in-cluster `kubernetes` Service (names and
 * ClusterIP) and every extra `--tls-san`. A hostname that is not a valid DNS
 * name is left out rather than failing the start.
 *
 * @throws InvalidTlsSanError for a `--tls-san` that is neither an IP nor a DNS name.
 */
export function servingSubjectAltNames(host: HostAddresses, tlsSans: readonly string[]): SubjectAltNames {
  const dnsNames = [host.hostname, ...LOOPBACK.dnsNames, ...KUBERNETES_SERVICE_NAMES];
  const ipAddresses = [...host.ipAddresses, ...LOOPBACK.ipAddresses, KUBERNETES_SERVICE_IP];
  for (const value of tlsSans) {
    const san = parseTlsSan(value);
    if (san.kind === "ip") ipAddresses.push(san.address);
    else dnsNames.push(san.name);
  }
  return subjectAltNames(dnsNames, ipAddresses);
}

/** True when both lists name exactly the same names and addresses. */
export function sameSubjectAltNames(a: SubjectAltNames, b: SubjectAltNames): boolean {
  const same = (x: readonly string[], y: readonly string[]): boolean =>
    x.length === y.length && x.every((value, i) => value === y[i]);
  return same(a.dnsNames, b.dnsNames) && same(a.ipAddresses, b.ipAddresses);
}
