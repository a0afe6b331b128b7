import type Docker from "dockerode";
import { RuntimeError, RuntimeNotFoundError } from "../container-runtime.js";
import { dockerCall, dockerStatusCode, toRuntimeError } from "./docker-errors.js";
import { isManaged, type Owner } from "./docker-labels.js";

/**
 * Inspects a container of `type` that carries the owner's labels; anything
 * else, like one that does not exist, is a RuntimeNotFoundError, so no call
 * ever touches a container this runtime did not make (Docker would also
 * accept a name or a prefix).
 */
export async function inspectOwned(
  docker: Docker,
  owner: Owner,
  id: string,
  type: string,
  operation: string,
): Promise<Docker.ContainerInspectInfo> {
  const info = await dockerCall(operation, () => docker.getContainer(id).inspect());
  if (!isManaged(owner, info.Config.Labels, type)) {
    throw new RuntimeNotFoundError(operation, `no ${type} ${id} made by skiff`);
  }
  return info;
}

/** Like inspectOwned, but undefined instead of not found: for the idempotent calls. */
export async function inspectOwnedIfAny(
  docker: Docker,
  owner: Owner,
  id: string,
  type: string,
  operation: string,
): Promise<Docker.ContainerInspectInfo | undefined> {
  try {
    return await inspectOwned(docker, owner, id, type, operation);
  } catch (error) {
    if (error instanceof RuntimeNotFoundError) return undefined;
    throw error;
  }
}

/**
 * Creates a container by its dockershim name. A container of that name that
 * skiff made and that is not running is a leftover of a create whose caller
 * never learned the id (the agent died in between): it is removed and the
 * create tried again. Any other holder of the name is an error.
 */
export async function createNamed(
  docker: Docker,
  owner: Owner,
  options: Docker.ContainerCreateOptions,
  type: string,
  operation: string,
): Promise<string> {
  try {
    return (await docker.createContainer(options)).id;
  } catch (error) {
    if (dockerStatusCode(error) !== 409 || !options.name) throw toRuntimeError(operation, error);
    const holder = await inspectOwnedIfAny(docker, owner, options.name, type, operation);
    if (!holder || holder.State.Running) {
      throw new RuntimeError(operation, `the name ${options.name} is taken by ${holder ? "a running" : "another"} container`);
    }
    await dockerCall(operation, () => docker.getContainer(holder.Id).remove({ force: true, v: true }));
    return dockerCall(operation, async () => (await docker.createContainer(options)).id);
  }
}

/** Stops a container; one already stopped (Docker's 304) or gone is fine. */
export async function stopQuietly(docker: Docker, id: string, timeoutSeconds: number, operation: string): Promise<void> {
  try {
    await docker.getContainer(id).stop({ t: Math.max(0, Math.floor(timeoutSeconds)) });
  } catch (error) {
    const status = dockerStatusCode(error);
    if (status === 304 || status === 404) return;
    throw toRuntimeError(operation, error);
  }
}

/** Removes a container with its anonymous volumes; one already gone is fine. */
export async function removeQuietly(docker: Docker, id: string, operation: string): Promise<void> {
  try {
    await docker.getContainer(id).remove({ force: true, v: true });
  } catch (error) {
    if (dockerStatusCode(error) === 404) return;
    throw toRuntimeError(operation, error);
  }
}

/**
 * Full ids of containers this runtime made (or found carrying its labels),
 * with their type. A container's labels never change, so an id in here
 * needs no inspection before a call on it: starting a container just made,
 * or creating one in a sandbox just made, saves a round trip to the engine
 * per pod. A removed container is forgotten.
 */
export class KnownOwned {
  private readonly types = new Map<string, string>();

  add(id: string, type: string): void {
    this.types.set(id, type);
  }

  has(id: string, type: string): boolean {
    return this.types.get(id) === type;
  }

  forget(id: string): void {
    this.types.delete(id);
  }
}
