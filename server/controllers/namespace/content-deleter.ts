import type { ResourceRef } from "../../../src/client/rest/paths.js";
import { forEachLimited } from "../for-each-limited.js";
import type { ContentDeletion } from "./namespace-conditions.js";

/** A resource whose objects live in namespaces. */
export interface NamespacedResource {
  ref: ResourceRef;
  /** `resource.group` as Kubernetes names it in conditions: `pods.`, `replicasets.apps`. */
  label: string;
}

/** What the deleter needs to know of one object. */
export interface ContentItem {
  name: string;
  deletionTimestamp?: string;
  finalizers?: string[];
}

/** The namespace controller's reads and deletes of the live server. */
export interface ContentApi {
  list(resource: NamespacedResource, namespace: string): Promise<ContentItem[]>;
  /** Deletes with propagation Background; the object as left when it is only marked, "gone" when it went (or was not there). */
  delete(resource: NamespacedResource, namespace: string, name: string): Promise<ContentItem | "gone">;
}

/** A pass over the content, and how long until what remains may be gone. */
export interface ContentPass extends ContentDeletion {
  /** The longest graceful deletion under way, from its deletionTimestamp (0 when none). */
  estimateMs: number;
}

const deletesAtOnce = 16;

/**
 * One pass of Kubernetes' namespaced-resources deleter: every object of
 * every namespaced resource in `namespace` is deleted (in the background:
 * the garbage collector takes the dependents of what goes), then what is
 * still there is counted, with its finalizers. Objects already being
 * deleted are not deleted again. A resource that fails is reported and the
 * others still go.
 */
export async function deleteContent(api: ContentApi, resources: readonly NamespacedResource[], namespace: string, nowMs: number): Promise<ContentPass> {
  const pass: ContentPass = { errors: [], remaining: new Map(), finalizers: new Map(), estimateMs: 0 };
  for (const resource of resources) {
    try {
      const left: ContentItem[] = [];
      const items = await api.list(resource, namespace);
      const toDelete = items.filter((item) => item.deletionTimestamp === undefined);
      left.push(...items.filter((item) => item.deletionTimestamp !== undefined));
      await forEachLimited(toDelete, deletesAtOnce, async (item) => {
        const outcome = await api.delete(resource, namespace, item.name);
        if (outcome !== "gone") left.push(outcome);
      });
      if (left.length === 0) continue;
      pass.remaining.set(resource.label, left.length);
      for (const item of left) {
        for (const finalizer of item.finalizers ?? []) pass.finalizers.set(finalizer, (pass.finalizers.get(finalizer) ?? 0) + 1);
        // A pod marked with a grace period has its deletionTimestamp at the end of it.
        const until = item.deletionTimestamp !== undefined ? Date.parse(item.deletionTimestamp) - nowMs : 0;
        if (Number.isFinite(until)) pass.estimateMs = Math.max(pass.estimateMs, until);
      }
    } catch (error) {
      pass.errors.push(`${resource.label}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return pass;
}
