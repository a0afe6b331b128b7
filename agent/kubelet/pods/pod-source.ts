import type { Pod } from "../../../src/api/core/v1/pod.js";
import type { SharedInformer } from "../../../src/client/informer/shared-informer.js";

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

/** A PodSource over a pod informer: a uid map kept by its handlers. */
export function informerPodSource(informer: SharedInformer<Pod>): PodSource {
  const byUid = new Map<string, Pod>();
  const listeners = new Set<(uid: string) => void>();
  const notify = (uid: string): void => {
    for (const listener of listeners) listener(uid);
  };
  const put = (pod: Pod): void => {
    const uid = pod.metadata.uid;
    if (!uid) return;
    byUid.set(uid, pod);
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
