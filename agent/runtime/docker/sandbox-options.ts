import type Docker from "dockerode";
import type { PortMapping, SandboxConfig } from "../container-runtime.js";
import { sandboxLabels, sandboxName, type Owner } from "./docker-labels.js";
import { LOG_CONFIG } from "./log-config.js";

/** Docker's network mode of a sandbox: the node's network, or the pod network (Docker's default bridge if none is given). */
export function sandboxNetworkMode(config: SandboxConfig): string {
  if (config.hostNetwork) return "host";
  return config.network ?? "bridge";
}

function portKey(mapping: PortMapping): string {
  return `${mapping.containerPort}/${mapping.protocol.toLowerCase()}`;
}

/** How Docker creates a pod's sandbox: it owns the network, IPC (and PID) namespaces the containers join. */
export function sandboxCreateOptions(config: SandboxConfig, owner: Owner): Docker.ContainerCreateOptions {
  const exposedPorts: Record<string, object> = {};
  const portBindings: Record<string, Array<{ HostIp: string; HostPort: string }>> = {};
  // With the host's network the ports are the host's already: Docker would only warn.
  if (!config.hostNetwork) {
    for (const mapping of config.portMappings) {
      const key = portKey(mapping);
      exposedPorts[key] = {};
      (portBindings[key] ??= []).push({ HostIp: mapping.hostIP ?? "", HostPort: String(mapping.hostPort) });
    }
  }
  return {
    name: sandboxName(config.pod, config.attempt),
    Image: config.image,
    // Docker refuses a hostname with the host's network: the node's name is the pod's then.
    Hostname: config.hostNetwork ? undefined : config.hostname,
    Labels: sandboxLabels(config, owner),
    ExposedPorts: exposedPorts,
    HostConfig: {
      NetworkMode: sandboxNetworkMode(config),
      PortBindings: portBindings,
      Dns: config.dns?.servers,
      DnsSearch: config.dns?.searches,
      DnsOptions: config.dns?.options,
      ExtraHosts: (config.hosts ?? []).flatMap(({ ip, hostnames }) => hostnames.map((name) => `${name}:${ip}`)),
      // The containers join this IPC namespace, which Docker allows only from a shareable one.
      IpcMode: "shareable",
      RestartPolicy: { Name: "no" },
      LogConfig: LOG_CONFIG,
    },
  };
}
