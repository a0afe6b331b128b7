/** What fuzzed requests aim at, and the helpers every category builds them with. */
import type { ResourceKeySpace } from "../../server/apiserver/storage/keys.js";
import type { FuzzRequest } from "./fuzz-client.js";
import type { Json, Random } from "./mutate.js";

/** A served kind with a valid manifest to start from and an object of it already in the store. */
export interface FuzzTarget extends ResourceKeySpace {
  version: string;
  kind: string;
  /** A valid manifest without namespace, named `seedName`. */
  manifest: { [key: string]: Json };
  seedName: string;
}

export interface FuzzContext {
  targets: FuzzTarget[];
  /** The namespace every namespaced seed lives in. */
  namespace: string;
  /** A static user with no rights. */
  userToken: string;
  /** The admin token, for tokens that are almost it. */
  adminToken: string;
  /** Tokens signed with the server's own ServiceAccount key that must still be refused (expired, another audience, a ServiceAccount that is gone). */
  signedTokens: string[];
}

/** A request and what it may change if accepted: the object (or collection) it aims at. */
export interface PlannedRequest {
  request: FuzzRequest;
  target?: { keySpace: ResourceKeySpace; namespace: string; name?: string };
}

export type Generator = (random: Random, ctx: FuzzContext) => PlannedRequest;

export const base = (t: FuzzTarget): string => (t.group === "" ? `/api/${t.version}` : `/apis/${t.group}/${t.version}`);
export const collectionPath = (t: FuzzTarget, ns: string): string => (t.namespaced ? `${base(t)}/namespaces/${ns}/${t.resource}` : `${base(t)}/${t.resource}`);
export const objectPath = (t: FuzzTarget, ns: string, name: string): string => `${collectionPath(t, ns)}/${name}`;

export function aimedAt(t: FuzzTarget, ctx: FuzzContext, name?: string): PlannedRequest["target"] {
  return { keySpace: { group: t.group, resource: t.resource, namespaced: t.namespaced }, namespace: t.namespaced ? ctx.namespace : "", ...(name !== undefined ? { name } : {}) };
}

let serial = 0;
/** A fresh name, so accepted creates do not collide. */
export const freshName = (t: FuzzTarget): string => `${t.seedName.slice(0, 40)}-f${(serial++).toString(36)}`;

export function withName(manifest: FuzzTarget["manifest"], name: string): FuzzTarget["manifest"] {
  const metadata = (manifest.metadata ?? {}) as { [key: string]: Json };
  return { ...manifest, metadata: { ...metadata, name } };
}

export const jsonBody = (value: Json): string => JSON.stringify(value);

/** A percent-encoded name as the server would read it, or the text itself when it does not decode. */
export function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
