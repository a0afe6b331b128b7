import type { OwnerReference } from "../../../src/api/meta/v1/object-meta.js";
import type { ApiObject } from "../../../src/client/rest/rest-client.js";

/** What a controller owner is, for the references its dependents carry. */
export interface OwnerKind {
  apiVersion: string;
  kind: string;
}

/** The object's controller reference (the ownerReference with `controller: true`), if any. */
export function controllerRefOf(object: ApiObject): OwnerReference | undefined {
  const owners = object.metadata?.ownerReferences;
  if (!Array.isArray(owners)) return undefined;
  return (owners as OwnerReference[]).find((owner) => owner.controller === true);
}

/**
 * The reference a controller puts on what it makes: controller, and
 * blocking the owner's foreground deletion until the dependent is gone.
 */
export function controllerRefTo(owner: ApiObject, kind: OwnerKind): OwnerReference {
  return {
    apiVersion: kind.apiVersion,
    kind: kind.kind,
    name: owner.metadata?.name ?? "",
    uid: String(owner.metadata?.uid ?? ""),
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** True when the object's controller is the given owner (by uid). */
export function isControlledBy(object: ApiObject, owner: ApiObject): boolean {
  const ref = controllerRefOf(object);
  return ref !== undefined && ref.uid === owner.metadata?.uid;
}
