/** A resource as the client addresses it. */
export interface ResourceRef {
  group: string;
  version: string;
  /** Plural: `deployments`. */
  resource: string;
  namespaced: boolean;
}

/** `/api/v1/namespaces/ns/pods/name/status`, leaving out the parts that are empty. */
export function resourcePath(ref: ResourceRef, namespace: string | undefined, name?: string, subresource?: string): string {
  const base = ref.group === "" ? `/api/${ref.version}` : `/apis/${ref.group}/${ref.version}`;
  let path = base;
  if (ref.namespaced && namespace) path += `/namespaces/${encodeURIComponent(namespace)}`;
  path += `/${ref.resource}`;
  if (name) path += `/${encodeURIComponent(name)}`;
  if (subresource) path += `/${subresource}`;
  return path;
}

/** Appends query parameters, skipping undefined values; arrays repeat the key. */
export function withQuery(path: string, query: Record<string, string | number | boolean | string[] | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, v);
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}
