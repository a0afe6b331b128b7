import type { ApiObject } from "../../../src/client/rest/rest-client.js";

/**
 * What this controller last wrote to each slice, by service, so that a sync
 * can tell a cache that has not yet seen its own writes (Kubernetes'
 * endpointSliceTracker). Without it a sync right after a create would not
 * see the new slice and create a second one. Resource versions are the
 * store's revisions, so "not older" is a comparison of numbers.
 */
export class SliceTracker {
  /** Service key → slice name → the resourceVersion written, or "deleted". */
  private readonly expected = new Map<string, Map<string, number | "deleted">>();

  wrote(serviceKey: string, slice: ApiObject): void {
    const revision = Number(slice.metadata?.resourceVersion);
    if (!Number.isSafeInteger(revision)) return;
    this.forService(serviceKey).set(slice.metadata?.name ?? "", revision);
  }

  deleted(serviceKey: string, name: string): void {
    this.forService(serviceKey).set(name, "deleted");
  }

  /** A slice went from the cache: nothing more to wait for about it. */
  gone(serviceKey: string, name: string): void {
    const slices = this.expected.get(serviceKey);
    slices?.delete(name);
    if (slices?.size === 0) this.expected.delete(serviceKey);
  }

  forget(serviceKey: string): void {
    this.expected.delete(serviceKey);
  }

  /** Whether the cached slices lag behind a write of ours; expectations met are dropped. */
  isStale(serviceKey: string, cached: readonly ApiObject[]): boolean {
    const slices = this.expected.get(serviceKey);
    if (slices === undefined) return false;
    const byName = new Map(cached.map((slice) => [slice.metadata?.name ?? "", Number(slice.metadata?.resourceVersion)]));
    let stale = false;
    for (const [name, wanted] of slices) {
      const seen = byName.get(name);
      const met = wanted === "deleted" ? seen === undefined : seen !== undefined && seen >= wanted;
      if (met) slices.delete(name);
      else stale = true;
    }
    if (slices.size === 0) this.expected.delete(serviceKey);
    return stale;
  }

  private forService(serviceKey: string): Map<string, number | "deleted"> {
    let slices = this.expected.get(serviceKey);
    if (slices === undefined) this.expected.set(serviceKey, (slices = new Map()));
    return slices;
  }
}
