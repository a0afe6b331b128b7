import type { ApiObject } from "../../../src/client/rest/rest-client.js";
import type { ResourceRef } from "../../../src/client/rest/paths.js";
import type { SharedInformer } from "../../../src/client/informer/index.js";
import type { Controller, ControllerContext } from "../../controllers/controller.js";

/** What a token's validity depends on: that its object is still there, the same one, and not long gone. */
export interface ObjectIdentity {
  uid: string;
  deletionTimestamp?: string;
}

export type BoundKind = "serviceaccounts" | "pods" | "secrets";

/** Reads the identity of an object straight from the store (the source of truth). */
export type IdentityReader = (kind: BoundKind, namespace: string, name: string) => Promise<ObjectIdentity | undefined>;

/** Where the authenticator finds whether a token's ServiceAccount and pod still exist. */
export interface ObjectLookup {
  /** The object's identity; `expectedUid` is the one the token names (a cache may answer only when it matches). */
  identity(kind: BoundKind, namespace: string, name: string, expectedUid: string): Promise<ObjectIdentity | undefined>;
}

const serviceAccountsRef: ResourceRef = { group: "", version: "v1", resource: "serviceaccounts", namespaced: true };
const podsRef: ResourceRef = { group: "", version: "v1", resource: "pods", namespaced: true };

/** Only what the checks read is cached: a pod's spec and status would cost memory for nothing. */
function identityOnly(object: ApiObject): ApiObject {
  const meta = object.metadata ?? {};
  const kept: ApiObject["metadata"] = { name: meta.name, namespace: meta.namespace, uid: meta.uid, resourceVersion: meta.resourceVersion };
  if (meta.deletionTimestamp !== undefined) kept.deletionTimestamp = meta.deletionTimestamp;
  return { apiVersion: object.apiVersion, kind: object.kind, metadata: kept };
}

function identityOf(object: ApiObject | undefined): ObjectIdentity | undefined {
  const uid = object?.metadata?.uid;
  if (typeof uid !== "string") return undefined;
  const deletion = object?.metadata?.deletionTimestamp;
  return typeof deletion === "string" ? { uid, deletionTimestamp: deletion } : { uid };
}

/**
 * The existence checks of every ServiceAccount-token request, answered from
 * memory: ServiceAccounts and pods (identities only) kept by list + watch
 * over the server's loopback client, as Kubernetes' authenticator reads
 * informer caches. A miss (not cached yet, or a different uid) is checked
 * against the store before the token is refused, so a token for an object
 * made a moment ago is not refused while the watch catches up. Secrets
 * (rarely bound) are always read from the store.
 *
 * It runs beside the controllers (it is a `Controller` only for its
 * lifecycle: list + watch with the loopback client until the server stops).
 */
export class CachedObjectLookup implements ObjectLookup, Controller {
  readonly name = "serviceaccount-token-objects";
  private informers: Partial<Record<BoundKind, SharedInformer<ApiObject>>> = {};

  constructor(private readonly readStore: IdentityReader) {}

  async identity(kind: BoundKind, namespace: string, name: string, expectedUid: string): Promise<ObjectIdentity | undefined> {
    const informer = this.informers[kind];
    const cached = informer?.hasSynced() ? identityOf(informer.lister.get(namespace, name)) : undefined;
    if (cached?.uid === expectedUid) return cached;
    return this.readStore(kind, namespace, name);
  }

  async run(context: ControllerContext, signal: AbortSignal): Promise<void> {
    const make = (ref: ResourceRef) => context.informer<ApiObject>(ref, { transform: identityOnly });
    const informers = { serviceaccounts: make(serviceAccountsRef), pods: make(podsRef) };
    this.informers = informers;
    await Promise.all(Object.values(informers).map((informer) => informer.run(signal)));
  }
}
