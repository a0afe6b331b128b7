import type { HostReader } from "../../../agent/node/host-reader.js";

/** What every hollow node reports: a modest server, the same for all (the scheduler compares them by requests). */
const memTotalKb = 32 * 1024 * 1024;
const cpuCount = 8;
const filesystemBytes = 100 * 1024 ** 3;

const files: Record<string, string> = {
  "/proc/meminfo": `MemTotal:       ${memTotalKb} kB\n`,
  "/etc/os-release": 'NAME="skiff hollow node"\nPRETTY_NAME="skiff hollow node"\n',
  "/proc/net/route": "Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\n",
};

/**
 * The host of a hollow node: fixed facts, its name as hostname and no
 * interfaces of its own (its InternalIP is given as `--node-ip`), so a
 * thousand of them in one process read nothing from the real machine.
 */
export function hollowHost(nodeName: string): HostReader {
  return {
    readText: async (path) => files[path],
    filesystemBytes: async () => filesystemBytes,
    cpuCount: () => cpuCount,
    hostname: () => nodeName,
    kernelRelease: () => "6.1.0-hollow",
    nodeArch: () => "x64",
    interfaces: () => ({}),
  };
}

/** A distinct InternalIP for the `index`th hollow node, in 100.64.0.0/10 (shared address space: never routed here). */
export function hollowNodeIp(index: number): string {
  return `100.${64 + Math.floor(index / 65_536)}.${Math.floor(index / 256) % 256}.${index % 256}`;
}
