import { randomInt, randomUUID } from "node:crypto";
import Docker from "dockerode";
import { afterAll, describe, expect, it } from "vitest";
import { ensurePodBridge } from "../../agent/network/pod-bridge.js";
import { RuntimeError } from "../../agent/runtime/container-runtime.js";

// The pod bridge against the real Docker Engine, on /24s from the top of 10.42.0.0/16.
const docker = new Docker();
const networks = new Set<string>();
const containers: Docker.Container[] = [];

afterAll(async () => {
  for (const container of containers) await container.remove({ force: true }).catch(() => undefined);
  for (const name of networks) await docker.getNetwork(name).remove().catch(() => undefined);
});

function name(): string {
  const value = `skiff-test-bridge-${randomUUID().slice(0, 8)}`;
  networks.add(value);
  return value;
}

// The next two /24s of a run of six from a random start in 10.42.224.0/19: the networks of
// earlier tests stay until the file ends, and a new one on their range would be refused as overlapping.
let next = randomInt(224, 250);
function cidrs(): [string, string] {
  const a = next;
  next += 2;
  return [`10.42.${a}.0/24`, `10.42.${a + 1}.0/24`];
}

async function subnetOf(network: string): Promise<string | undefined> {
  const info = (await docker.getNetwork(network).inspect()) as Docker.NetworkInspectInfo;
  return info.IPAM?.Config?.[0]?.Subnet;
}

describe("ensurePodBridge", () => {
  it("creates a bridge on the CIDR with the first host as gateway, and keeps it when called again", async () => {
    const network = name();
    const [cidr] = cidrs();
    const bridge = await ensurePodBridge(docker, { name: network, cidr });
    expect(bridge).toMatchObject({ name: network, cidr, gateway: cidr.replace(".0/24", ".1") });
    const info = (await docker.getNetwork(network).inspect()) as Docker.NetworkInspectInfo;
    expect(info.Driver).toBe("bridge");
    expect(info.IPAM?.Config?.[0]).toMatchObject({ Subnet: cidr, Gateway: bridge.gateway });
    expect(info.Labels).toMatchObject({ "skiff.dev/managed-by": "skiff-agent" });
    expect((await ensurePodBridge(docker, { name: network, cidr })).id).toBe(bridge.id);
  });

  it("recreates the bridge on a new CIDR while nothing uses it", async () => {
    const network = name();
    const [first, second] = cidrs();
    const old = await ensurePodBridge(docker, { name: network, cidr: first });
    const replaced = await ensurePodBridge(docker, { name: network, cidr: second });
    expect(replaced.id).not.toBe(old.id);
    expect(await subnetOf(network)).toBe(second);
  });

  it("refuses to move a bridge that containers use", async () => {
    const network = name();
    const [first, second] = cidrs();
    await ensurePodBridge(docker, { name: network, cidr: first });
    const container = await docker.createContainer({
      Image: "skiff-test/pause:1",
      Labels: { "skiff.dev/test": "pod-bridge" },
      HostConfig: { NetworkMode: network },
    });
    containers.push(container);
    await container.start();
    await expect(ensurePodBridge(docker, { name: network, cidr: second })).rejects.toThrow(/still use it/);
    expect(await subnetOf(network)).toBe(first);
  });

  it("refuses what is not an IPv4 CIDR", async () => {
    await expect(ensurePodBridge(docker, { name: "unused", cidr: "10.42.0.0" })).rejects.toBeInstanceOf(RuntimeError);
  });
});
