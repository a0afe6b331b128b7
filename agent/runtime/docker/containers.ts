import type Docker from "dockerode";
import type { ContainerConfig, ContainerStatus, SandboxConfig } from "../container-runtime.js";
import { RuntimeLabel } from "../runtime-labels.js";
import { containerCreateOptions } from "./container-options.js";
import { containerState, containerStatusOf } from "./container-status.js";
import { dockerCall } from "./docker-errors.js";
import { CONTAINER_TYPE, managedFilter, SANDBOX_TYPE, type Owner } from "./docker-labels.js";
import type { DockerImages } from "./images.js";
import { createNamed, inspectOwned, inspectOwnedIfAny, type KnownOwned, removeQuietly, stopQuietly } from "./owned-containers.js";
import type { TerminationMessageFiles } from "./termination-message.js";

/** A pod's containers as Docker containers joined to the sandbox's namespaces. */
export class DockerContainers {
  /**
   * Statuses from the last look, by id. A container's inspection changes
   * only with its state (skiff never restarts one in place), so a list
   * inspects only the containers whose state `docker ps` shows changed.
   */
  private readonly known = new Map<string, ContainerStatus>();

  constructor(
    private readonly docker: Docker,
    private readonly owner: Owner,
    private readonly images: DockerImages,
    private readonly messages: TerminationMessageFiles,
    private readonly owned: KnownOwned,
  ) {}

  async create(sandboxId: string, config: ContainerConfig, sandbox: SandboxConfig): Promise<string> {
    const { pod } = sandbox;
    const operation = `create container ${config.name} of pod ${pod.namespace}/${pod.name}`;
    const fullSandboxId = this.owned.has(sandboxId, SANDBOX_TYPE)
      ? sandboxId
      : (await inspectOwned(this.docker, this.owner, sandboxId, SANDBOX_TYPE, operation)).Id;
    const imageUser = await this.imageUserIfNeeded(config, operation);
    const terminationMessageFile = await this.messages.create(pod.uid, config.name, config.attempt);
    const options = containerCreateOptions(config, pod, {
      sandboxId: fullSandboxId,
      sandbox,
      terminationMessageFile,
      imageUser,
      owner: this.owner,
    });
    try {
      const id = await createNamed(this.docker, this.owner, options, CONTAINER_TYPE, operation);
      this.owned.add(id, CONTAINER_TYPE);
      return id;
    } catch (error) {
      await this.messages.remove(terminationMessageFile);
      throw error;
    }
  }

  async start(containerId: string): Promise<void> {
    const operation = `start container ${containerId}`;
    if (!this.owned.has(containerId, CONTAINER_TYPE)) await inspectOwned(this.docker, this.owner, containerId, CONTAINER_TYPE, operation);
    await dockerCall(operation, () => this.docker.getContainer(containerId).start());
  }

  async stop(containerId: string, timeoutSeconds: number): Promise<void> {
    const operation = `stop container ${containerId}`;
    const info = await inspectOwned(this.docker, this.owner, containerId, CONTAINER_TYPE, operation);
    if (!info.State.Running) return;
    await stopQuietly(this.docker, info.Id, timeoutSeconds, operation);
  }

  async remove(containerId: string): Promise<void> {
    const operation = `remove container ${containerId}`;
    const info = await inspectOwned(this.docker, this.owner, containerId, CONTAINER_TYPE, operation);
    await removeQuietly(this.docker, info.Id, operation);
    this.known.delete(info.Id);
    this.owned.forget(info.Id);
    const file = info.Config.Labels?.[RuntimeLabel.terminationMessagePath];
    if (file) await this.messages.remove(file);
  }

  /** For a sandbox's removal: a container that is already gone is fine. */
  async removeIfAny(containerId: string): Promise<void> {
    const operation = `remove container ${containerId}`;
    if (await inspectOwnedIfAny(this.docker, this.owner, containerId, CONTAINER_TYPE, operation)) await this.remove(containerId);
  }

  async list(filter: { podUid?: string; sandboxId?: string } = {}): Promise<ContainerStatus[]> {
    const summaries = await dockerCall("list containers", () =>
      this.docker.listContainers({
        all: true,
        filters: managedFilter(this.owner, CONTAINER_TYPE, {
          [RuntimeLabel.podUid]: filter.podUid,
          [RuntimeLabel.sandboxId]: filter.sandboxId,
        }),
      }),
    );
    const statuses = await Promise.all(
      summaries.map(async (summary) => {
        const known = this.known.get(summary.Id);
        if (known && known.state === containerState(summary.State)) return known;
        try {
          return await this.status(summary.Id);
        } catch {
          return undefined; // removed between the list and its inspection
        }
      }),
    );
    if (filter.podUid === undefined && filter.sandboxId === undefined) {
      const present = new Set(summaries.map((s) => s.Id));
      for (const id of this.known.keys()) if (!present.has(id)) this.known.delete(id);
    }
    return statuses.filter((s): s is ContainerStatus => s !== undefined);
  }

  async status(containerId: string): Promise<ContainerStatus> {
    const info = await inspectOwned(this.docker, this.owner, containerId, CONTAINER_TYPE, `status of container ${containerId}`);
    const imageRef = await this.images.refOf(info.Image);
    const file = info.Config.Labels?.[RuntimeLabel.terminationMessagePath];
    const exited = containerState(info.State.Status) === "exited";
    const message = exited && file ? await this.messages.read(file) : undefined;
    const status = containerStatusOf(info, imageRef, message);
    this.known.set(info.Id, status);
    return status;
  }

  /** The image's user matters only when a group is set without a user (see dockerUser). */
  private async imageUserIfNeeded(config: ContainerConfig, operation: string): Promise<string> {
    const { runAsUser, runAsGroup } = config.security;
    if (runAsGroup === undefined || runAsUser !== undefined) return "";
    const image = await dockerCall(operation, () => this.docker.getImage(config.image).inspect());
    return image.Config.User ?? "";
  }
}
