import { hostname, networkInterfaces, type NetworkInterfaceInfo } from "node:os";
import { canonicalIp } from "./subject-alt-names.js";

/** The name and addresses by which other machines may reach this host. */
export interface HostAddresses {
  hostname: string;
  ipAddresses: string[];
}

function isLinkLocal(ip: string): boolean {
  // fe80::/10 and 169.254.0.0/16: only usable with an interface scope, which a
  // certificate cannot name. Every container's veth gets an fe80:: address, so
  // keeping them would also change the list (and re-issue the certificate)
  // whenever containers come and go.
  return /^fe[89ab][0-9a-f]:/.test(ip) || ip.startsWith("169.254.");
}

/**
 * The host's name (lowercase) and every address of `interfaces` except
 * link-local ones, canonical and unique.
 */
export function hostAddressesFrom(
  name: string,
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>,
): HostAddresses {
  const ips = new Set<string>();
  for (const infos of Object.values(interfaces)) {
    for (const info of infos ?? []) {
      const ip = canonicalIp(info.address);
      if (ip !== undefined && !isLinkLocal(ip)) ips.add(ip);
    }
  }
  return { hostname: name.toLowerCase(), ipAddresses: [...ips].sort() };
}

/** This host's name and addresses, read from the operating system now. */
export function readHostAddresses(): HostAddresses {
  return hostAddressesFrom(hostname(), networkInterfaces());
}
