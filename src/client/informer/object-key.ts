import type { ApiObject } from "../rest/rest-client.js";

/** The cache key of a name: `namespace/name`, or `name` for a cluster-scoped object (client-go's MetaNamespaceKeyFunc). */
export function keyOf(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

/** The cache key of an object (see `keyOf`). */
export function objectKey(object: ApiObject): string {
  return keyOf(object.metadata?.namespace, object.metadata?.name ?? "");
}

/** The namespace and name of a key; the namespace is "" for a cluster-scoped one. */
export function splitKey(key: string): { namespace: string; name: string } {
  const slash = key.indexOf("/");
  return slash === -1 ? { namespace: "", name: key } : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

/** The uid of an object, or undefined when it has none. */
export function uidOf(object: ApiObject): string | undefined {
  const uid = object.metadata?.uid;
  return typeof uid === "string" && uid !== "" ? uid : undefined;
}
