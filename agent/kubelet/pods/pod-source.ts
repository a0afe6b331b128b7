import { podSchema, type Pod } from "../../../src/api/core/v1/pod.js";
import { resourceInformer } from "../../../src/client/informer/resource-informer.js";
import type { SharedInformer } from "../../../src/client/informer/shared-informer.js";
import type { ResourceRef } from "../../../src/client/rest/paths.js";
import type { RestClient } from "../../../src/client/rest/rest-client.js";
import type { Logger } from "../../../src/log.js";

/**
 * The pods bound to this node, as the informer (fieldSelector
 * spec.nodeName=NODE) has them, addressed by uid: a pod deleted and created
 * again under the same name is another pod.
 */
export interface PodSource {
  get(uid: string): Pod | undefined;
  list(): Pod[];
  /** Calls `listener` with the uid of each pod added, changed or deleted. */
  onChange(listener: (uid: string) => void): () => void;
}

const pods: ResourceRef = { group: "", version: "v1", resource: "pods", namespaced: true };

/** The informer of the pods bound to `nodeName`, in every namespace. */
export function nodePodInformer(client: RestClient, nodeName: string, log: Logger): SharedInformer<Pod> {
  return resourceInformer<Pod>(client, pods, undefined, { fieldSelector: `spec.nodeName=${nodeName}`, log });
}

/**
 * A PodSource over a pod informer: a uid map kept by its handlers. Each pod
 * is parsed on the way in (defaults applied); one that does not parse is
 * logged and left out.
 */
export function informerPodSource(informer: Pick<SharedInformer<Pod>, "addEventHandler">, log: Logger): PodSource {
  const byUid = new Map<string, Pod>();
  const listeners = new Set<(uid: string) => void>();
  const notify = (uid: string): void => {
    for (const listener of listeners) listener(uid);
  };
  const put = (raw: Pod): void => {
    const parsed = podSchema.safeParse(raw);
    if (!parsed.success) {
      log.warn({ pod: `${raw.metadata?.namespace}/${raw.metadata?.name}`, error: parsed.error.message }, "pod does not parse; ignored");
      return;
    }
    const uid = parsed.data.metadata.uid;
    if (!uid) return;
    byUid.set(uid, parsed.data);
    notify(uid);
  };
  informer.addEventHandler({
    onAdd: put,
    onUpdate: (old, pod) => {
      // A pod replaced under the same name arrives as an update: the old uid is gone.
      if (old.metadata.uid && old.metadata.uid !== pod.metadata.uid) {
        byUid.delete(old.metadata.uid);
        notify(old.metadata.uid);
      }
      put(pod);
    },
    onDelete: (pod) => {
      const uid = pod.metadata.uid;
      if (!uid) return;
      byUid.delete(uid);
      notify(uid);
    },
  });
  return {
    get: (uid) => byUid.get(uid),
    list: () => [...byUid.values()],
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
