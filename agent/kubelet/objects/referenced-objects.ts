import type { ConfigMap } from "../../../src/api/core/v1/config-map.js";
import type { Pod } from "../../../src/api/core/v1/pod.js";
import { podReferences } from "../../../src/api/core/v1/pod-references.js";
import type { Secret } from "../../../src/api/core/v1/secret.js";
import type { SharedInformer } from "../../../src/client/informer/shared-informer.js";
import type { ApiObject } from "../../../src/client/rest/rest-client.js";
import type { Logger } from "../../../src/log.js";
import type { ObjectSource } from "../pod-dependencies.js";

/** The kinds of object a pod's containers and volumes are made from. */
export type SourceResource = "configmaps" | "secrets";

/** Makes the informer of one object: list + watch with `fieldSelector metadata.name=NAME` in its namespace. */
export type SingleObjectInformer = (resource: SourceResource, namespace: string, name: string) => SharedInformer<ApiObject>;

interface Watched {
  informer: SharedInformer<ApiObject>;
  stop: AbortController;
  /** Uids of the pods that reference the object. */
  pods: Set<string>;
}

/**
 * The ConfigMaps and Secrets the node's pods use, each watched on its own
 * while some pod references it — the kubelet's watch-based object manager,
 * and what the node authorizer allows (one named object at a time). A change
 * to one of them is reported with the pods that use it, so their volumes
 * are refreshed and their waiting containers retried.
 */
export class ReferencedObjects implements ObjectSource {
  private readonly watched = new Map<string, Watched>();
  private readonly keysOfPod = new Map<string, string[]>();

  constructor(
    private readonly informerOf: SingleObjectInformer,
    private readonly onChange: (podUids: string[]) => void,
    private readonly log: Logger,
  ) {}

  /** Watches what `pod` references now, and stops watching what only it referenced before. */
  track(pod: Pod): void {
    const uid = pod.metadata.uid ?? "";
    const namespace = pod.metadata.namespace ?? "";
    const keys: string[] = [];
    for (const reference of podReferences(pod)) {
      if (reference.resource !== "configmaps" && reference.resource !== "secrets") continue;
      const key = keyOf(reference.resource, namespace, reference.name);
      keys.push(key);
      const watched = this.watched.get(key) ?? this.watch(key, reference.resource, namespace, reference.name);
      watched.pods.add(uid);
    }
    for (const key of this.keysOfPod.get(uid) ?? []) if (!keys.includes(key)) this.release(key, uid);
    this.keysOfPod.set(uid, keys);
  }

  /** The pod is gone: what only it referenced is no longer watched. */
  forget(podUid: string): void {
    for (const key of this.keysOfPod.get(podUid) ?? []) this.release(key, podUid);
    this.keysOfPod.delete(podUid);
  }

  /** Whether every object the pod references has been read once (present or not). */
  hasSynced(podUid: string): boolean {
    return (this.keysOfPod.get(podUid) ?? []).every((key) => this.watched.get(key)?.informer.hasSynced() ?? false);
  }

  configMap(namespace: string, name: string): ConfigMap | undefined {
    return this.watched.get(keyOf("configmaps", namespace, name))?.informer.lister.get(namespace, name) as ConfigMap | undefined;
  }

  secret(namespace: string, name: string): Secret | undefined {
    return this.watched.get(keyOf("secrets", namespace, name))?.informer.lister.get(namespace, name) as Secret | undefined;
  }

  /** Stops every watch. */
  close(): void {
    for (const watched of this.watched.values()) watched.stop.abort();
    this.watched.clear();
    this.keysOfPod.clear();
  }

  private watch(key: string, resource: SourceResource, namespace: string, name: string): Watched {
    const informer = this.informerOf(resource, namespace, name);
    const watched: Watched = { informer, stop: new AbortController(), pods: new Set() };
    const changed = (): void => this.onChange([...watched.pods]);
    informer.addEventHandler({ onAdd: changed, onUpdate: changed, onDelete: changed });
    this.watched.set(key, watched);
    informer.run(watched.stop.signal).catch((error: unknown) => this.log.warn({ err: error, resource, namespace, name }, "watch of a pod's object ended"));
    return watched;
  }

  private release(key: string, podUid: string): void {
    const watched = this.watched.get(key);
    if (!watched) return;
    watched.pods.delete(podUid);
    if (watched.pods.size > 0) return;
    watched.stop.abort();
    this.watched.delete(key);
  }
}

function keyOf(resource: SourceResource, namespace: string, name: string): string {
  return `${resource}/${namespace}/${name}`;
}
