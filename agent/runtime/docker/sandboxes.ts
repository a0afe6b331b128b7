import type Docker from "dockerode";
import { RuntimeError, type SandboxConfig, type SandboxStatus } from "../container-runtime.js";
import { RuntimeLabel } from "../runtime-labels.js";
import { dockerCall } from "./docker-errors.js";
import { attemptFromLabels, CONTAINER_TYPE, managedFilter, podFromLabels, SANDBOX_TYPE, type Owner } from "./docker-labels.js";
import { createNamed, inspectOwnedIfAny, type KnownOwned, removeQuietly, stopQuietly } from "./owned-containers.js";
import { writeSandboxResolvConf } from "./resolv-conf.js";
import { sandboxCreateOptions } from "./sandbox-options.js";

/** How long the sandbox (and a container left in it) gets after SIGTERM: dockershim's 10 s. */
const SANDBOX_STOP_SECONDS = 10;

/** The IP of a sandbox on its network (`docker ps`'s NetworkSettings). */
function sandboxIp(
  summary: Pick<Docker.ContainerInfo, "HostConfig" | "NetworkSettings">,
): string | undefined {
  const networks = summary.NetworkSettings?.Networks ?? {};
  const own = networks[summary.HostConfig?.NetworkMode ?? ""]?.IPAddress;
  if (own) return own;
  return Object.values(networks).find((n) => n.IPAddress)?.IPAddress || undefined;
}

export function sandboxStatusOf(summary: Docker.ContainerInfo): SandboxStatus {
  const labels = summary.Labels ?? {};
  const ready = summary.State === "running";
  const hostNetwork = labels[RuntimeLabel.hostNetwork] === "true";
  return {
    id: summary.Id,
    pod: podFromLabels(labels),
    attempt: attemptFromLabels(labels),
    state: ready ? "ready" : "notready",
    ip: ready && !hostNetwork ? sandboxIp(summary) : undefined,
    hostNetwork,
    createdAt: new Date(summary.Created * 1000),
  };
}

/** Pod sandboxes as Docker containers of the pause image that own the pod's namespaces. */
export class DockerSandboxes {
  constructor(
    private readonly docker: Docker,
    private readonly owner: Owner,
    /** Removes one of the pod's containers with what the runtime keeps beside it. */
    private readonly removeContainer: (id: string) => Promise<void>,
    private readonly owned: KnownOwned,
  ) {}

  async run(config: SandboxConfig): Promise<string> {
    const operation = `run sandbox of pod ${config.pod.namespace}/${config.pod.name}`;
    const id = await createNamed(this.docker, this.owner, sandboxCreateOptions(config, this.owner), SANDBOX_TYPE, operation);
    try {
      await dockerCall(operation, () => this.docker.getContainer(id).start());
      if (config.dns) await this.rewriteResolvConf(id, config.dns, operation);
      this.owned.add(id, SANDBOX_TYPE);
    } catch (error) {
      // A sandbox that cannot start (a host port taken, a network missing) is no use to anyone.
      await removeQuietly(this.docker, id, operation).catch(() => undefined);
      throw error;
    }
    return id;
  }

  private async rewriteResolvConf(id: string, dns: NonNullable<SandboxConfig["dns"]>, operation: string): Promise<void> {
    const { ResolvConfPath } = await dockerCall(operation, () => this.docker.getContainer(id).inspect());
    try {
      await writeSandboxResolvConf(ResolvConfPath, dns);
    } catch (error) {
      throw new RuntimeError(operation, `cannot write the pod's resolv.conf at ${ResolvConfPath}`, { cause: error });
    }
  }

  async stop(sandboxId: string): Promise<void> {
    const operation = `stop sandbox ${sandboxId}`;
    const sandbox = await inspectOwnedIfAny(this.docker, this.owner, sandboxId, SANDBOX_TYPE, operation);
    if (!sandbox) return;
    const members = await this.members(sandbox.Id, operation);
    await Promise.all(
      members.filter((c) => c.State === "running").map((c) => stopQuietly(this.docker, c.Id, SANDBOX_STOP_SECONDS, operation)),
    );
    await stopQuietly(this.docker, sandbox.Id, SANDBOX_STOP_SECONDS, operation);
  }

  async remove(sandboxId: string): Promise<void> {
    const operation = `remove sandbox ${sandboxId}`;
    const sandbox = await inspectOwnedIfAny(this.docker, this.owner, sandboxId, SANDBOX_TYPE, operation);
    if (!sandbox) return;
    for (const member of await this.members(sandbox.Id, operation)) await this.removeContainer(member.Id);
    await removeQuietly(this.docker, sandbox.Id, operation);
    this.owned.forget(sandbox.Id);
  }

  async list(filter: { podUid?: string } = {}): Promise<SandboxStatus[]> {
    const summaries = await dockerCall("list sandboxes", () =>
      this.docker.listContainers({ all: true, filters: managedFilter(this.owner, SANDBOX_TYPE, { [RuntimeLabel.podUid]: filter.podUid }) }),
    );
    return summaries.map(sandboxStatusOf);
  }

  private members(sandboxId: string, operation: string): Promise<Docker.ContainerInfo[]> {
    return dockerCall(operation, () =>
      this.docker.listContainers({ all: true, filters: managedFilter(this.owner, CONTAINER_TYPE, { [RuntimeLabel.sandboxId]: sandboxId }) }),
    );
  }
}
