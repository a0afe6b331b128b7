import type { Selector } from "../../../src/api/labels/index.js";
import type { OwnerReference } from "../../../src/api/meta/v1/object-meta.js";
import { labelsOf } from "../../../src/client/informer/index-functions.js";
import type { ResourceRef } from "../../../src/client/rest/paths.js";
import { isNotFound, type ApiObject, type RestClient } from "../../../src/client/rest/rest-client.js";
import { controllerRefOf, controllerRefTo, type OwnerKind } from "./controller-ref.js";

/** What claiming found: the objects the owner controls once adoption and release are done. */
export interface ClaimPlan<T extends ApiObject> {
  /** Controlled and matching: the owner's. */
  owned: T[];
  /** Matching orphans to adopt (only while the owner is not being deleted). */
  adopt: T[];
  /** Controlled but no longer matching: to release. */
  release: T[];
}

/**
 * Kubernetes' ControllerRefManager decision, pure: among candidate objects
 * (one namespace's, usually from an index), which the owner keeps, which
 * orphans it adopts and which it lets go. Objects controlled by someone
 * else, and objects being deleted that it does not already own, are left alone.
 */
export function planClaim<T extends ApiObject>(owner: ApiObject, selector: Selector, candidates: readonly T[]): ClaimPlan<T> {
  const plan: ClaimPlan<T> = { owned: [], adopt: [], release: [] };
  const ownerUid = owner.metadata?.uid;
  const ownerDeleting = owner.metadata?.deletionTimestamp !== undefined;
  for (const object of candidates) {
    const matches = selector.matches(labelsOf(object));
    const ref = controllerRefOf(object);
    if (ref !== undefined) {
      if (ref.uid !== ownerUid) continue;
      if (matches) plan.owned.push(object);
      // An owner being deleted keeps what it has: releasing now would orphan it for good.
      else if (!ownerDeleting) plan.release.push(object);
      continue;
    }
    if (!matches || ownerDeleting || object.metadata?.deletionTimestamp !== undefined) continue;
    plan.adopt.push(object);
  }
  return plan;
}

/**
 * Adopts, releases and reports what the owner then controls. Each write
 * names the object's resourceVersion, so a change in between (another
 * controller adopted it first) is a 409 and the key is synced again; an
 * object gone meanwhile is simply not the owner's.
 */
export async function claimObjects<T extends ApiObject>(
  client: RestClient,
  ref: ResourceRef,
  owner: ApiObject,
  ownerKind: OwnerKind,
  selector: Selector,
  candidates: readonly T[],
  fieldManager: string,
): Promise<T[]> {
  const plan = planClaim(owner, selector, candidates);
  const owned = [...plan.owned];
  const ownRef = controllerRefTo(owner, ownerKind);
  const write = async (object: T, references: OwnerReference[]): Promise<T | undefined> => {
    const patch = { metadata: { resourceVersion: object.metadata?.resourceVersion, ownerReferences: references } };
    try {
      return await client.patch<T>(ref, object.metadata?.namespace, object.metadata?.name ?? "", "merge", patch, { fieldManager });
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  };
  for (const object of plan.adopt) {
    const adopted = await write(object, [...referencesOf(object), ownRef]);
    if (adopted !== undefined) owned.push(adopted);
  }
  for (const object of plan.release) {
    await write(object, referencesOf(object).filter((reference) => reference.uid !== ownRef.uid));
  }
  return owned;
}

function referencesOf(object: ApiObject): OwnerReference[] {
  const owners = object.metadata?.ownerReferences;
  return Array.isArray(owners) ? (owners as OwnerReference[]) : [];
}
