import { LruMap } from "../../../src/client/events/lru-map.js";
import type { OwnerReference } from "./gc-object.js";

/**
 * Owners a live read found missing (Kubernetes' absentOwnerCache): uids
 * are never reused, so once absent always absent. Deleting the 30,000 pods
 * of one ReplicaSet then costs one read of the ReplicaSet, not 30,000.
 */
export class AbsentOwners {
  private readonly absent: LruMap<string, true>;

  constructor(capacity = 1000) {
    this.absent = new LruMap(capacity);
  }

  has(ref: OwnerReference, namespace: string | undefined): boolean {
    return this.absent.get(keyOf(ref, namespace)) !== undefined;
  }

  add(ref: OwnerReference, namespace: string | undefined): void {
    this.absent.set(keyOf(ref, namespace), true);
  }
}

const keyOf = (ref: OwnerReference, namespace: string | undefined): string => [ref.apiVersion, ref.kind, namespace ?? "", ref.name, ref.uid].join("|");
