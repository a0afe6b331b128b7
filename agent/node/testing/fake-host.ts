import type { HostReader, InterfaceAddress } from "../host-reader.js";

/** A host made of fixtures, for the node part's unit tests. */
export function fakeHost(overrides: { files?: Record<string, string>; interfaces?: Record<string, InterfaceAddress[]>; arch?: string; filesystemBytes?: number } = {}): HostReader {
  const files: Record<string, string> = {
    "/proc/meminfo": "MemTotal:        8038604 kB\nMemFree:         1234 kB\n",
    "/etc/os-release": 'NAME="Debian GNU/Linux"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n',
    "/etc/machine-id": "0123456789abcdef0123456789abcdef\n",
    "/proc/sys/kernel/random/boot_id": "707e685a-e976-4d82-b21e-b424c20fd145\n",
    "/proc/net/route": "Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\nwlan0\t00000000\t0101A8C0\t0003\t0\t0\t600\t00000000\neth0\t00000000\t010200C0\t0003\t0\t0\t100\t00000000\ndocker0\t000011AC\t00000000\t0001\t0\t0\t0\t0000FFFF\n",
    ...overrides.files,
  };
  const interfaces = overrides.interfaces ?? {
    lo: [{ address: "127.0.0.1", family: "IPv4", internal: true }],
    docker0: [{ address: "172.17.0.1", family: "IPv4", internal: false }],
    eth0: [
      { address: "fd00::2", family: "IPv6", internal: false },
      { address: "192.0.2.2", family: "IPv4", internal: false },
    ],
    wlan0: [{ address: "192.168.1.20", family: "IPv4", internal: false }],
  };
  return {
    readText: async (path) => files[path],
    filesystemBytes: async () => overrides.filesystemBytes ?? 62_725_623_808,
    cpuCount: () => 4,
    hostname: () => "Pi-Lab",
    kernelRelease: () => "6.1.0-18-arm64",
    nodeArch: () => overrides.arch ?? "arm64",
    interfaces: () => interfaces,
  };
}
