import type Docker from "dockerode";
import { formatIpv4, formatIpv4Cidr, parseIpv4Cidr } from "../../src/net/ipv4.js";
import { RuntimeError } from "../runtime/container-runtime.js";
import { dockerCall, dockerStatusCode, toRuntimeError } from "../runtime/docker/docker-errors.js";
import { MANAGER, RuntimeLabel } from "../runtime/runtime-labels.js";

export interface PodBridgeSpec {
  /** The Docker network's name, e.g. `skiff-pods`. */
  name: string;
  /** The node's pod CIDR (its Node's spec.podCIDR), e.g. `10.42.3.0/24`. */
  cidr: string;
  /** The Linux bridge's name (at most 15 characters); Docker picks `br-<id>` when not given. */
  bridgeName?: string;
}

export interface PodBridge {
  id: string;
  name: string;
  /** The CIDR in its canonical form (host bits cleared). */
  cidr: string;
  /** The node's address on the bridge: the CIDR's first host. */
  gateway: string;
}

/**
 * An IPv4 CIDR in canonical form with its gateway (first host).
 *
 * @example
 * podCidr("10.42.3.7/24") // { cidr: "10.42.3.0/24", gateway: "10.42.3.1" }
 */
export function podCidr(cidr: string): { cidr: string; gateway: string } {
  const network = parseIpv4Cidr(cidr, { strict: false });
  // A pod network needs room for a gateway and at least one pod.
  if (network === undefined || network.prefix < 8 || network.prefix > 30) {
    throw new RuntimeError(`pod network ${cidr}`, "not an IPv4 CIDR with a prefix from /8 to /30");
  }
  return { cidr: formatIpv4Cidr(network), gateway: formatIpv4(network.base + 1) };
}

async function inspectNetwork(docker: Docker, name: string, operation: string): Promise<Docker.NetworkInspectInfo | undefined> {
  try {
    return (await docker.getNetwork(name).inspect()) as Docker.NetworkInspectInfo;
  } catch (error) {
    if (dockerStatusCode(error) === 404) return undefined;
    throw toRuntimeError(operation, error);
  }
}

/**
 * Makes sure the Docker bridge network for the node's pods exists on the
 * node's pod CIDR. One on another subnet (the node got a new CIDR) is
 * replaced, but only while no container uses it; otherwise that is an error.
 */
export async function ensurePodBridge(docker: Docker, spec: PodBridgeSpec): Promise<PodBridge> {
  const operation = `pod network ${spec.name}`;
  const { cidr, gateway } = podCidr(spec.cidr);
  const existing = await inspectNetwork(docker, spec.name, operation);
  if (existing) {
    const subnet = existing.IPAM?.Config?.[0]?.Subnet;
    if (existing.Driver === "bridge" && subnet === cidr) return { id: existing.Id, name: spec.name, cidr, gateway };
    const users = Object.keys(existing.Containers ?? {}).length;
    if (users > 0) {
      throw new RuntimeError(operation, `is on ${subnet ?? "no subnet"}, not ${cidr}, and ${users} container(s) still use it`);
    }
    await dockerCall(operation, () => docker.getNetwork(existing.Id).remove());
  }
  const options: Record<string, string> = spec.bridgeName ? { "com.docker.network.bridge.name": spec.bridgeName } : {};
  const network = await dockerCall(operation, () =>
    docker.createNetwork({
      Name: spec.name,
      Driver: "bridge",
      CheckDuplicate: true,
      IPAM: { Driver: "default", Config: [{ Subnet: cidr, Gateway: gateway }] },
      Options: options,
      Labels: { [RuntimeLabel.managedBy]: MANAGER },
    }),
  );
  return { id: network.id, name: spec.name, cidr, gateway };
}
