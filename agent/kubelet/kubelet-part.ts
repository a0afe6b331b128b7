import type { Node } from "../../src/api/core/v1/node.js";
import type { Pod } from "../../src/api/core/v1/pod.js";
import type { Service } from "../../src/api/core/v1/service.js";
import { type Clock, realClock, sleep } from "../../src/clock.js";
import type { EventRecorder } from "../../src/client/events/event-recorder.js";
import { resourceInformer } from "../../src/client/informer/resource-informer.js";
import type { SharedInformer } from "../../src/client/informer/shared-informer.js";
import type { ResourceRef } from "../../src/client/rest/paths.js";
import type { ApiObject, RestClient } from "../../src/client/rest/rest-client.js";
import type { Watcher } from "../../src/client/watch/watcher.js";
import type { Logger } from "../../src/log.js";
import type { AgentPart } from "../agent-part.js";
import type { ContainerRuntime } from "../runtime/container-runtime.js";
import { NodePodResources } from "./config/pod-resources.js";
import { HookRunner } from "./lifecycle/hook-runner.js";
import { ReferencedObjects } from "./objects/referenced-objects.js";
import { informerPodSource } from "./pods/pod-source.js";
import { PodWorkers } from "./pods/pod-workers.js";
import { ProbeManager } from "./probes/probe-manager.js";
import { restStatusWriter } from "./status/status-writer.js";
import { restTokenRequester } from "./volumes/rest-token-requester.js";

const ref = (resource: string, namespaced = true): ResourceRef => ({ group: "", version: "v1", resource, namespaced });

export interface KubeletPartOptions {
  /** The node's own client (its credential). */
  client: RestClient;
  /** Carries the watches over the agent's one connection; lists stay HTTPS GETs. */
  watcher: Watcher;
  runtime: ContainerRuntime;
  /** Makes (or checks) the node's pod network on its pod CIDR; resolves with the network's name. */
  ensurePodNetwork(podCidr: string): Promise<string>;
  recorder: EventRecorder;
  nodeName: string;
  /** Pods' volumes live under `<dataDir>/pods/`. */
  dataDir: string;
  pauseImage: string;
  clock?: Clock;
  log: Logger;
  /** How often the Node is read while it waits for its pod CIDR (default 1 s). */
  podCidrPollMs?: number;
}

/**
 * The kubelet part of the agent: the node's pods made real through the
 * runtime. It starts once the server has given the Node its pod CIDR (the
 * pod network is made on it), then runs the pod workers over the pods bound
 * to the node, the ConfigMaps and Secrets they use, the Services (for the
 * service-link variables), the probes and the lifecycle hooks.
 */
export class KubeletPart implements AgentPart {
  readonly name = "kubelet";
  private readonly abort = new AbortController();
  private running: Promise<unknown>[] = [];
  private probes: ProbeManager | undefined;
  private objects: ReferencedObjects | undefined;
  private workers: PodWorkers | undefined;

  constructor(private readonly options: KubeletPartOptions) {}

  async start(): Promise<void> {
    const { client, watcher, runtime, recorder, nodeName, log } = this.options;
    const clock = this.options.clock ?? realClock;
    const signal = this.abort.signal;
    const node = await this.nodeWithPodCidr(signal);
    if (node === undefined) return;
    const network = await this.options.ensurePodNetwork(node.spec?.podCIDR ?? "");
    const hostIP = node.status?.addresses?.find((address) => address.type === "InternalIP")?.address ?? "";

    const podInformer = resourceInformer<Pod & ApiObject>(client, ref("pods"), undefined, {
      fieldSelector: `spec.nodeName=${nodeName}`,
      watcher,
      log: log.child({ component: "pods" }),
    });
    const services = resourceInformer<Service & ApiObject>(client, ref("services"), undefined, { watcher, log: log.child({ component: "services" }) });
    let workers: PodWorkers | undefined;
    const objects = new ReferencedObjects(
      (resource, namespace, name) =>
        resourceInformer<ApiObject>(client, ref(resource), namespace, { fieldSelector: `metadata.name=${name}`, watcher, log: log.child({ component: resource }) }),
      // A changed ConfigMap or Secret: its pods' volumes are refreshed and waiting containers retried.
      () => workers?.resyncAll(),
      log,
    );
    this.objects = objects;
    podInformer.addEventHandler({
      onAdd: (pod) => objects.track(pod),
      onUpdate: (_old, pod) => objects.track(pod),
      onDelete: (pod) => objects.forget(pod.metadata.uid ?? ""),
    });
    const pods = informerPodSource(podInformer as SharedInformer<Pod>, log);
    this.running.push(podInformer.run(signal), services.run(signal));
    if (!(await podInformer.waitForSync(signal))) return;

    const resources = new NodePodResources({
      root: this.options.dataDir,
      objects,
      requestToken: restTokenRequester(client),
      services: { hasSynced: () => services.hasSynced(), services: (namespace) => services.lister.list(namespace) as Service[] },
      events: recorder,
      clock,
      log: log.child({ component: "pod-resources" }),
      ...(node.status?.allocatable ? { allocatable: node.status.allocatable } : {}),
    });
    this.probes = new ProbeManager({ runtime, events: recorder, clock, log: log.child({ component: "probes" }) });
    workers = new PodWorkers({
      runtime,
      resources,
      probes: this.probes,
      recorder,
      hooks: new HookRunner({ runtime, events: recorder, clock, log: log.child({ component: "hooks" }) }),
      pods,
      writer: restStatusWriter(client),
      clock,
      log: log.child({ component: "pod-workers" }),
      nodeName,
      hostIP,
      runtimeName: "docker",
      // Cluster DNS comes with the DNS part (issue 8); until then pods resolve as the node does.
      sandbox: { pauseImage: this.options.pauseImage, network },
    });
    this.workers = workers;
    this.running.push(workers.run(signal));
    log.info({ podCIDR: node.spec?.podCIDR, network }, "kubelet started");
  }

  async stop(): Promise<void> {
    this.abort.abort();
    this.probes?.stop();
    this.objects?.close();
    await Promise.allSettled(this.running);
  }

  /** Why a container of a pod waits, as the status the kubelet last computed says (the streams' refusals name it). */
  containerWaitingReason(podUid: string, container: string): string | undefined {
    const status = this.workers?.statuses.status(podUid);
    const all = [...(status?.initContainerStatuses ?? []), ...(status?.containerStatuses ?? [])];
    return all.find((c) => c.name === container)?.state?.waiting?.reason;
  }

  /** The registered Node once the server's IPAM has given it a pod CIDR; undefined when stopped first. */
  private async nodeWithPodCidr(signal: AbortSignal): Promise<Node | undefined> {
    const { client, nodeName, log } = this.options;
    const clock = this.options.clock ?? realClock;
    for (let waited = 0; !signal.aborted; waited++) {
      const node = await client.get<Node & ApiObject>(ref("nodes", false), undefined, nodeName);
      if (node.spec?.podCIDR) return node;
      if (waited === 5) log.info({ node: nodeName }, "waiting for the server to give the node a pod CIDR");
      await sleep(clock, this.options.podCidrPollMs ?? 1_000, signal);
    }
    return undefined;
  }
}
