/**
 * Where objects live in the store: `/registry/<group>/<resource>/<ns>/<name>`,
 * with `core` for the core group and no namespace segment for cluster-scoped
 * kinds. A prefix ending in `/` lists a whole resource or one namespace.
 */
export interface ResourceKeySpace {
  group: string;
  resource: string;
  namespaced: boolean;
}

const groupSegment = (group: string): string => (group === "" ? "core" : group);

/** Prefix of every object of a resource (all namespaces). */
export function resourcePrefix(r: ResourceKeySpace): string {
  return `/registry/${groupSegment(r.group)}/${r.resource}/`;
}

/** Prefix for a collection request: one namespace, or all when `namespace` is "". */
export function collectionPrefix(r: ResourceKeySpace, namespace: string): string {
  return r.namespaced && namespace !== "" ? `${resourcePrefix(r)}${namespace}/` : resourcePrefix(r);
}

export function objectKey(r: ResourceKeySpace, namespace: string, name: string): string {
  return r.namespaced ? `${resourcePrefix(r)}${namespace}/${name}` : `${resourcePrefix(r)}${name}`;
}
