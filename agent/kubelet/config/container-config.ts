import type { Container } from "../../../src/api/core/v1/container.js";
import type { Pod } from "../../../src/api/core/v1/pod.js";
import type { ResourceList } from "../../../src/api/schema/primitives.js";
import type { ContainerConfig } from "../../runtime/container-runtime.js";
import { ContainerConfigError, type ContainerContext, type ObjectSource } from "../pod-dependencies.js";
import { containerEnvironment } from "./environment.js";
import { expand } from "./expansion.js";
import { containerMounts } from "./mounts.js";
import { linuxResources } from "./resources.js";
import { linuxSecurity } from "./security.js";
import { serviceEnvironment, type ServiceSource } from "./service-env.js";
import { specHash } from "./spec-hash.js";

export interface ContainerConfigInput {
  pod: Pod;
  container: Container;
  context: ContainerContext;
  objects: ObjectSource;
  /** The agent's data directory (volumes under `<root>/pods/`). */
  root: string;
  allocatable?: ResourceList;
  /** Services for the service-link variables; without it containers get none. */
  services?: ServiceSource;
}

export interface BuiltContainerConfig {
  config: ContainerConfig;
  /** Warnings about envFrom keys left out (event reason InvalidEnvironmentVariableNames). */
  skippedEnv: string[];
}

/**
 * The runtime config of one container: env, `$(VAR)`-expanded command and
 * args, mounts, cgroup resources, security settings and the spec hash.
 * Anything that stops it being made is a ContainerConfigError (the
 * container waits with reason CreateContainerConfigError).
 */
export function buildContainerConfig(input: ContainerConfigInput): BuiltContainerConfig {
  const { pod, container, context } = input;
  try {
    const environment = containerEnvironment({
      pod,
      container,
      objects: input.objects,
      addresses: { podIPs: context.podIP ? [context.podIP] : [], hostIPs: context.hostIP ? [context.hostIP] : [] },
      allocatable: input.allocatable,
      serviceEnv: input.services && serviceLinks(input.services, pod),
    });
    const envMap = new Map(environment.env.map((e) => [e.name, e.value]));
    const lookup = (name: string): string | undefined => envMap.get(name);
    const expandAll = (list: string[] | undefined): string[] | undefined =>
      list && list.length > 0 ? list.map((item) => expand(item, lookup)) : undefined;
    const { mounts, tmpfs } = containerMounts(pod, container, environment.env, input.root, input.allocatable);
    const config: ContainerConfig = {
      name: container.name,
      attempt: context.attempt,
      specHash: specHash(container),
      image: container.image ?? "",
      env: environment.env,
      mounts,
      tmpfs,
      tty: container.tty === true,
      stdin: container.stdin === true,
      stdinOnce: container.stdinOnce === true,
      resources: linuxResources(container),
      security: linuxSecurity(pod, container),
    };
    const command = expandAll(container.command);
    if (command) config.command = command;
    const args = expandAll(container.args);
    if (args) config.args = args;
    if (container.workingDir) config.workingDir = container.workingDir;
    if (container.terminationMessagePath) config.terminationMessagePath = container.terminationMessagePath;
    return { config, skippedEnv: environment.skipped };
  } catch (error) {
    if (error instanceof ContainerConfigError) throw error;
    throw new ContainerConfigError(error instanceof Error ? error.message : String(error));
  }
}

/** The service-link variables, once the Services have been read (as the kubelet waits for them). */
function serviceLinks(services: ServiceSource, pod: Pod): Map<string, string> {
  if (!services.hasSynced()) throw new ContainerConfigError("services have not yet been read at least once, cannot construct envvars");
  return serviceEnvironment(services, pod.metadata.namespace ?? "", pod.spec.enableServiceLinks ?? true);
}
