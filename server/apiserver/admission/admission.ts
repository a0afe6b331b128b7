import type { UserInfo } from "../../auth/user.js";
import type { ServedResource } from "../resources/served-resource.js";
import type { StoredObject } from "../storage/object-store.js";

/**
 * One write as admission sees it, after the object is decoded and its
 * system fields are set, before it is validated against the stored one and
 * written. A plugin may change `object` (defaults that depend on the
 * cluster, such as a pod's ServiceAccount) or refuse the write by throwing
 * a StatusError (usually 403 Forbidden).
 */
export interface AdmissionRequest {
  operation: "create" | "update" | "delete";
  user: UserInfo;
  resource: ServedResource;
  /** "" for the main resource; status, binding, scale, ... */
  subresource: string;
  namespace: string;
  name: string;
  /** The object to be written; absent for a delete. */
  object?: StoredObject;
  /** The stored object; absent for a create. */
  oldObject?: StoredObject;
  /** For a delete: whether it finishes the object now (grace period 0) or only marks it. */
  gracePeriodSeconds?: number;
  dryRun: boolean;
}

export interface AdmissionPlugin {
  readonly name: string;
  admit(request: AdmissionRequest): Promise<void> | void;
}

/** Runs the plugins in order; the first refusal stops the write. */
export function admissionChain(plugins: readonly AdmissionPlugin[]): (request: AdmissionRequest) => Promise<void> {
  return async (request) => {
    for (const plugin of plugins) await plugin.admit(request);
  };
}
