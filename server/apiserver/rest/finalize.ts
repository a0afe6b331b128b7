import type { StoredObject } from "../storage/object-store.js";
import { pendingFinalizers } from "../strategy/finalizers.js";
import type { ResourceCall } from "./context.js";

/**
 * An object marked for deletion goes once its last finalizer is removed,
 * unless a grace period is still running (a pod its node has yet to stop:
 * the node's DELETE with grace 0 ends it). Returns what the client should
 * see: the object as last written, even when it is now gone.
 */
export async function finishDeletionIfDone(call: ResourceCall, object: StoredObject): Promise<StoredObject> {
  const meta = object.metadata;
  if (meta.deletionTimestamp === undefined || pendingFinalizers(object).length > 0) return object;
  if ((meta.deletionGracePeriodSeconds ?? 0) > 0) return object;
  const deleted = await call.objects.delete(meta.namespace ?? "", meta.name ?? "", Number(meta.resourceVersion));
  // Someone wrote in between (e.g. added a finalizer); their write decides.
  return deleted.ok ? deleted.object : object;
}
