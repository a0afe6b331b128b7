import type { Container } from "../../../src/api/core/v1/container.js";
import type { Pod } from "../../../src/api/core/v1/pod.js";
import type { ResourceList } from "../../../src/api/schema/primitives.js";
import type { EventRecorder } from "../../../src/client/events/event-recorder.js";
import type { Clock } from "../../../src/clock.js";
import type { Logger } from "../../../src/log.js";
import type { ContainerConfig, RegistryAuth } from "../../runtime/container-runtime.js";
import type { ContainerContext, ObjectSource, PodResources } from "../pod-dependencies.js";
import { PodVolumes } from "../volumes/pod-volumes.js";
import { ServiceAccountTokens, type RequestToken } from "../volumes/service-account-tokens.js";
import { buildContainerConfig } from "./container-config.js";
import { pullAuths } from "./pull-auths.js";
import type { ServiceSource } from "./service-env.js";

export interface NodePodResourcesOptions {
  /** The agent's data directory; pods' volumes go under `<root>/pods/<uid>/volumes/`. */
  root: string;
  /** ConfigMaps and Secrets from the agent's informer caches. */
  objects: ObjectSource;
  events: EventRecorder;
  clock: Clock;
  log: Logger;
  /** The node's allocatable (cpu, memory, ephemeral-storage): downward API values of unset limits, tmpfs sizes. */
  allocatable?: ResourceList;
  /** Services from the agent's cache, for KUBERNETES_SERVICE_HOST and the other service links. */
  services?: ServiceSource;
  /** The TokenRequest API as the node (`restTokenRequester(client)`), for projected ServiceAccount tokens. */
  requestToken: RequestToken;
}

/** `PodResources` on this node's disk, over the agent's caches of ConfigMaps and Secrets. */
export class NodePodResources implements PodResources {
  private readonly volumes: PodVolumes;

  constructor(private readonly options: NodePodResourcesOptions) {
    const { requestToken, clock, log } = options;
    this.volumes = new PodVolumes({ ...options, tokens: new ServiceAccountTokens({ requestToken, clock, log }) });
  }

  prepare(pod: Pod): Promise<void> {
    return this.volumes.prepare(pod);
  }

  containerConfig(pod: Pod, container: Container, context: ContainerContext): ContainerConfig {
    const { root, objects, allocatable, services } = this.options;
    const { config, skippedEnv } = buildContainerConfig({ pod, container, context, objects, root, allocatable, services });
    const involved = {
      apiVersion: "v1",
      kind: "Pod",
      namespace: pod.metadata.namespace,
      name: pod.metadata.name,
      uid: pod.metadata.uid,
    };
    for (const message of skippedEnv) this.options.events.event(involved, "Warning", "InvalidEnvironmentVariableNames", message);
    return config;
  }

  pullAuths(pod: Pod): RegistryAuth[] {
    return pullAuths(pod, this.options.objects, this.options.log);
  }

  release(podUid: string): Promise<void> {
    return this.volumes.release(podUid);
  }
}
