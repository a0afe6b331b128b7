import { readFile, statfs } from "node:fs/promises";
import { arch, availableParallelism, hostname, networkInterfaces, release } from "node:os";

/** An IPv4 or IPv6 address of a network interface. */
export interface InterfaceAddress {
  address: string;
  family: "IPv4" | "IPv6";
  internal: boolean;
}

/**
 * What the node part reads of its host, injected so its facts are computed
 * in tests from fixtures: files under /proc, /etc and /sys, the
 * filesystem's size, the interfaces, the kernel.
 */
export interface HostReader {
  /** A file's text; undefined when it does not exist or cannot be read. */
  readText(path: string): Promise<string | undefined>;
  /** Size in bytes of the filesystem holding `path`. */
  filesystemBytes(path: string): Promise<number>;
  cpuCount(): number;
  hostname(): string;
  /** The kernel release (`uname -r`). */
  kernelRelease(): string;
  /** Node's name for the CPU architecture (`x64`, `arm64`, `arm`). */
  nodeArch(): string;
  interfaces(): Record<string, InterfaceAddress[]>;
}

/** The host this process runs on. */
export const realHostReader: HostReader = {
  readText: (path) => readFile(path, "utf8").catch(() => undefined),
  async filesystemBytes(path) {
    const stats = await statfs(path);
    return stats.blocks * stats.bsize;
  },
  cpuCount: () => availableParallelism(),
  hostname: () => hostname(),
  kernelRelease: () => release(),
  nodeArch: () => arch(),
  interfaces() {
    const result: Record<string, InterfaceAddress[]> = {};
    for (const [name, addresses] of Object.entries(networkInterfaces())) {
      result[name] = (addresses ?? []).map(({ address, family, internal }) => ({ address, family, internal }));
    }
    return result;
  },
};
