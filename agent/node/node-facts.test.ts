import { describe, expect, it } from "vitest";
import { fakeHost } from "./testing/fake-host.js";
import { defaultRouteInterface, pickInternalIp, readNodeAddresses } from "./node-addresses.js";
import { memTotalBytes, readNodeCapacity } from "./node-capacity.js";
import { goArch, osImageOf, readNodeSystemInfo } from "./node-system-info.js";

describe("the node's facts", () => {
  it("capacity: cores, MemTotal in Ki, 110 pods, the data dir's filesystem", async () => {
    expect(await readNodeCapacity(fakeHost(), "/var/lib/skiff-agent")).toEqual({
      cpu: "4",
      memory: "8038604Ki",
      pods: "110",
      "ephemeral-storage": "62725623808",
    });
    expect(memTotalBytes("MemFree: 1 kB\n")).toBeUndefined();
  });

  it("InternalIP: --node-ip, else the default route's interface (lowest metric), else the first non-loopback IPv4", async () => {
    expect(await pickInternalIp(fakeHost(), "10.0.0.9")).toBe("10.0.0.9");
    expect(await pickInternalIp(fakeHost(), undefined)).toBe("192.0.2.2");
    const noRoute = fakeHost({ files: { "/proc/net/route": "Iface\tDestination\n" } });
    expect(await pickInternalIp(noRoute, undefined)).toBe("172.17.0.1");
    const loopbackOnly = fakeHost({ interfaces: { lo: [{ address: "127.0.0.1", family: "IPv4", internal: true }] } });
    expect(await readNodeAddresses(loopbackOnly, "pi-lab", undefined)).toEqual([{ type: "Hostname", address: "pi-lab" }]);
    expect(await readNodeAddresses(fakeHost(), "pi-lab", undefined)).toEqual([
      { type: "InternalIP", address: "192.0.2.2" },
      { type: "Hostname", address: "pi-lab" },
    ]);
    expect(defaultRouteInterface("Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\neth1\t00000000\t0\t3\t0\t0\t0\t00FFFFFF\n")).toBeUndefined();
  });

  it("nodeInfo: kernel, OS image, Go architecture, versions, machine and boot ids; what cannot be read is empty", async () => {
    expect(await readNodeSystemInfo(fakeHost(), { runtime: "docker://26.1.5", skiff: "v0.1.0" })).toEqual({
      machineID: "0123456789abcdef0123456789abcdef",
      systemUUID: "",
      bootID: "707e685a-e976-4d82-b21e-b424c20fd145",
      kernelVersion: "6.1.0-18-arm64",
      osImage: "Debian GNU/Linux 12 (bookworm)",
      containerRuntimeVersion: "docker://26.1.5",
      kubeletVersion: "v0.1.0",
      kubeProxyVersion: "",
      operatingSystem: "linux",
      architecture: "arm64",
    });
    expect([goArch("x64"), goArch("arm"), goArch("arm64")]).toEqual(["amd64", "arm", "arm64"]);
    expect([osImageOf("PRETTY_NAME='Alpine Linux v3.20'"), osImageOf("PRETTY_NAME=Raspbian"), osImageOf("")]).toEqual(["Alpine Linux v3.20", "Raspbian", "Linux"]);
  });
});
