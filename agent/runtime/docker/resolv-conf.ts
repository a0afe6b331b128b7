import { writeFile } from "node:fs/promises";
import type { SandboxConfig } from "../container-runtime.js";

/** The resolv.conf a pod's DNS settings make, as the kubelet writes it. */
export function resolvConf(dns: NonNullable<SandboxConfig["dns"]>): string {
  const lines = dns.servers.map((server) => `nameserver ${server}`);
  if (dns.searches.length > 0) lines.push(`search ${dns.searches.join(" ")}`);
  if (dns.options.length > 0) lines.push(`options ${dns.options.join(" ")}`);
  return `${lines.join("\n")}\n`;
}

/**
 * Replaces the resolv.conf Docker made for a sandbox (shared by every
 * container that joins it), as dockershim did: on a user-defined network
 * Docker would list only its embedded resolver (127.0.0.11), hiding the
 * pod's servers. The agent runs beside dockerd, so the file is on its disk.
 */
export async function writeSandboxResolvConf(path: string, dns: NonNullable<SandboxConfig["dns"]>): Promise<void> {
  await writeFile(path, resolvConf(dns));
}
