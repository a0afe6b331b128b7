import type { HostReader } from "./host-reader.js";

export interface NodeSystemInfo {
  machineID: string;
  systemUUID: string;
  bootID: string;
  kernelVersion: string;
  osImage: string;
  containerRuntimeVersion: string;
  kubeletVersion: string;
  kubeProxyVersion: string;
  operatingSystem: string;
  architecture: string;
}

const goArchitectures: Record<string, string> = { x64: "amd64", arm64: "arm64", arm: "arm", ia32: "386", ppc64: "ppc64le", s390x: "s390x", riscv64: "riscv64" };

/** Node's architecture name as Go (and so Kubernetes' kubernetes.io/arch label) spells it. */
export const goArch = (nodeArch: string): string => goArchitectures[nodeArch] ?? nodeArch;

/** PRETTY_NAME of an os-release file, unquoted; "Linux" when it has none. */
export function osImageOf(osRelease: string): string {
  const match = /^PRETTY_NAME=(.*)$/m.exec(osRelease);
  if (!match) return "Linux";
  const value = match[1]!.trim();
  return value.replace(/^(["'])(.*)\1$/, "$2") || "Linux";
}

const firstLine = (text: string | undefined): string => (text ?? "").split("\n")[0]!.trim();

/**
 * The node's nodeInfo: kernel, OS image, architecture, the runtime and
 * skiff versions, and machine-id / boot_id / product_uuid where readable
 * (product_uuid needs root; empty otherwise).
 */
export async function readNodeSystemInfo(host: HostReader, versions: { runtime: string; skiff: string }): Promise<NodeSystemInfo> {
  const [osRelease, machineId, bootId, productUuid] = await Promise.all([
    host.readText("/etc/os-release").then(async (text) => text ?? (await host.readText("/usr/lib/os-release"))),
    host.readText("/etc/machine-id"),
    host.readText("/proc/sys/kernel/random/boot_id"),
    host.readText("/sys/class/dmi/id/product_uuid"),
  ]);
  return {
    machineID: firstLine(machineId),
    systemUUID: firstLine(productUuid),
    bootID: firstLine(bootId),
    kernelVersion: host.kernelRelease(),
    osImage: osImageOf(osRelease ?? ""),
    containerRuntimeVersion: versions.runtime,
    kubeletVersion: versions.skiff,
    kubeProxyVersion: "",
    operatingSystem: "linux",
    architecture: goArch(host.nodeArch()),
  };
}
