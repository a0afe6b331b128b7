import type { HostReader } from "./host-reader.js";

export interface NodeAddress {
  type: "InternalIP" | "Hostname";
  address: string;
}

/** The interface of the IPv4 default route in /proc/net/route (Destination 00000000, lowest metric). */
export function defaultRouteInterface(routeTable: string): string | undefined {
  let best: { name: string; metric: number } | undefined;
  for (const line of routeTable.split("\n").slice(1)) {
    const [name, destination, , , , , metric, mask] = line.trim().split(/\s+/);
    if (!name || destination !== "00000000" || mask !== "00000000") continue;
    const value = Number(metric ?? 0);
    if (!best || value < best.metric) best = { name, metric: value };
  }
  return best?.name;
}

/**
 * The node's InternalIP, as the kubelet picks it: `--node-ip` when given,
 * else the IPv4 address of the default route's interface, else the first
 * non-loopback IPv4 address; undefined when the host has none.
 */
export async function pickInternalIp(host: HostReader, nodeIp: string | undefined): Promise<string | undefined> {
  if (nodeIp) return nodeIp;
  const interfaces = host.interfaces();
  const ipv4Of = (name: string): string | undefined => interfaces[name]?.find((a) => a.family === "IPv4" && !a.internal)?.address;
  const routeInterface = defaultRouteInterface((await host.readText("/proc/net/route")) ?? "");
  const viaRoute = routeInterface === undefined ? undefined : ipv4Of(routeInterface);
  if (viaRoute) return viaRoute;
  for (const name of Object.keys(interfaces).sort()) {
    const address = ipv4Of(name);
    if (address) return address;
  }
  return undefined;
}

/** InternalIP (when there is one) and Hostname, in the kubelet's order. */
export async function readNodeAddresses(host: HostReader, hostname: string, nodeIp: string | undefined): Promise<NodeAddress[]> {
  const internal = await pickInternalIp(host, nodeIp);
  return [...(internal ? [{ type: "InternalIP" as const, address: internal }] : []), { type: "Hostname", address: hostname }];
}
