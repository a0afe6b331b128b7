import type { Pod } from "../../../src/api/core/v1/pod.js";
import type { PortMapping, SandboxConfig } from "../../runtime/container-runtime.js";

/** What the node gives every sandbox. */
export interface SandboxSettings {
  /** The pause image (`--pause-image`). */
  pauseImage: string;
  /** The Docker network of the node's pod CIDR. */
  network?: string;
  /** Cluster DNS, for dnsPolicy ClusterFirst (the default). */
  clusterDns?: { servers: string[]; domain: string };
}

/** The sandbox of `pod`, its `attempt`-th. */
export function sandboxConfig(pod: Pod, attempt: number, settings: SandboxSettings): SandboxConfig {
  const { metadata, spec } = pod;
  const hostNetwork = spec.hostNetwork === true;
  const config: SandboxConfig = {
    pod: { uid: metadata.uid ?? "", namespace: metadata.namespace ?? "", name: metadata.name ?? "" },
    attempt,
    image: settings.pauseImage,
    hostname: spec.hostname ?? metadata.name ?? "",
    hostNetwork,
    portMappings: portMappings(pod),
    podLabels: { ...(metadata.labels ?? {}) },
  };
  if (!hostNetwork && settings.network) config.network = settings.network;
  const dns = dnsOf(pod, settings);
  if (dns) config.dns = dns;
  if (spec.hostAliases?.length) config.hosts = spec.hostAliases.map((a) => ({ ip: a.ip ?? "", hostnames: a.hostnames ?? [] }));
  return config;
}

function portMappings(pod: Pod): PortMapping[] {
  const mappings: PortMapping[] = [];
  for (const container of pod.spec.containers) {
    for (const port of container.ports ?? []) {
      if (!port.hostPort) continue;
      const protocol = port.protocol === "UDP" || port.protocol === "SCTP" ? port.protocol : "TCP";
      const mapping: PortMapping = { protocol, containerPort: port.containerPort ?? port.hostPort, hostPort: port.hostPort };
      if (port.hostIP) mapping.hostIP = port.hostIP;
      mappings.push(mapping);
    }
  }
  return mappings;
}

/** resolv.conf per dnsPolicy: ClusterFirst → cluster DNS (host network: the node's unless ClusterFirstWithHostNet), None → dnsConfig only. */
function dnsOf(pod: Pod, settings: SandboxSettings): SandboxConfig["dns"] {
  const { spec } = pod;
  const policy = spec.dnsPolicy ?? "ClusterFirst";
  const extra = spec.dnsConfig;
  const custom = {
    servers: extra?.nameservers ?? [],
    searches: extra?.searches ?? [],
    options: (extra?.options ?? []).map((o) => (o.value !== undefined ? `${o.name ?? ""}:${o.value}` : (o.name ?? ""))),
  };
  if (policy === "None") return custom;
  const cluster = settings.clusterDns;
  const useCluster = cluster && (policy === "ClusterFirstWithHostNet" || (policy === "ClusterFirst" && spec.hostNetwork !== true));
  if (!useCluster) return extra ? custom : undefined;
  const ns = pod.metadata.namespace ?? "default";
  return {
    servers: [...cluster.servers, ...custom.servers],
    searches: [`${ns}.svc.${cluster.domain}`, `svc.${cluster.domain}`, cluster.domain, ...custom.searches],
    options: ["ndots:5", ...custom.options],
  };
}
