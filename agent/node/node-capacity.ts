import type { HostReader } from "./host-reader.js";

/** Pods a node runs at most (the kubelet's default --max-pods). */
export const maxPods = 110;

/** MemTotal of /proc/meminfo in bytes; undefined when it is not there. */
export function memTotalBytes(meminfo: string): number | undefined {
  const match = /^MemTotal:\s+(\d+)\s*kB$/m.exec(meminfo);
  return match ? Number(match[1]) * 1024 : undefined;
}

/**
 * A node's capacity as the kubelet reports it: cpu in cores, memory as
 * MemTotal (`Ki`, as Kubernetes writes it), pods, and ephemeral-storage as
 * the size of the filesystem holding the agent's data dir. Allocatable is
 * the same: skiff reserves nothing for the system.
 */
export async function readNodeCapacity(host: HostReader, dataDir: string): Promise<Record<string, string>> {
  const capacity: Record<string, string> = { cpu: String(host.cpuCount()), pods: String(maxPods) };
  const memory = memTotalBytes((await host.readText("/proc/meminfo")) ?? "");
  if (memory !== undefined) capacity.memory = `${memory / 1024}Ki`;
  const storage = await host.filesystemBytes(dataDir).catch(() => undefined);
  if (storage !== undefined) capacity["ephemeral-storage"] = String(storage);
  return capacity;
}
