import { alreadyExists, conflict, notFound } from "../../../src/errors/status.js";
import type { ResourceRef } from "../../../src/client/rest/paths.js";
import type { ApiObject } from "../../../src/client/rest/rest-client.js";

/** One request the fake API answered. */
export interface ApiCall {
  verb: "create" | "get" | "update" | "patch";
  resource: string;
  name: string;
  subresource?: string;
  body?: unknown;
}

type Stored = ApiObject & { metadata: NonNullable<ApiObject["metadata"]> };

/**
 * Nodes and Leases in memory, with resourceVersions and uids, answering as
 * the server does (409 AlreadyExists, 409 Conflict on a stale update, 404);
 * a patch merges the body's top-level fields one level down. `failNext`
 * makes the next calls fail, as a server that went away.
 */
export class FakeNodeApi {
  readonly calls: ApiCall[] = [];
  readonly objects = new Map<string, Stored>();
  private version = 0;
  failures = 0;

  private key = (ref: ResourceRef, name: string): string => `${ref.resource}/${name}`;

  private answer(call: ApiCall): void {
    this.calls.push(call);
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error("connect ECONNREFUSED 127.0.0.1:6443");
    }
  }

  private store(ref: ResourceRef, object: Stored): Stored {
    const stored = structuredClone({ ...object, metadata: { ...object.metadata, resourceVersion: String(++this.version) } });
    this.objects.set(this.key(ref, String(object.metadata.name)), stored);
    return structuredClone(stored);
  }

  callsOf(resource: string): ApiCall[] {
    return this.calls.filter((call) => call.resource === resource);
  }

  async create<T>(ref: ResourceRef, _namespace: string | undefined, object: ApiObject): Promise<T> {
    const name = String(object.metadata?.name);
    this.answer({ verb: "create", resource: ref.resource, name, body: object });
    if (this.objects.has(this.key(ref, name))) throw alreadyExists({ group: ref.group, resource: ref.resource }, name);
    return this.store(ref, { ...object, metadata: { ...object.metadata, uid: `uid-${name}` } }) as T;
  }

  async get<T>(ref: ResourceRef, _namespace: string | undefined, name: string): Promise<T> {
    this.answer({ verb: "get", resource: ref.resource, name });
    const found = this.objects.get(this.key(ref, name));
    if (!found) throw notFound({ group: ref.group, resource: ref.resource }, name);
    return structuredClone(found) as T;
  }

  async update<T>(ref: ResourceRef, _namespace: string | undefined, object: ApiObject): Promise<T> {
    const name = String(object.metadata?.name);
    this.answer({ verb: "update", resource: ref.resource, name, body: object });
    const found = this.objects.get(this.key(ref, name));
    if (!found) throw notFound({ group: ref.group, resource: ref.resource }, name);
    if (found.metadata.resourceVersion !== object.metadata?.resourceVersion) throw conflict({ group: ref.group, resource: ref.resource }, name, "the object has been modified");
    return this.store(ref, object as Stored) as T;
  }

  async patch<T>(ref: ResourceRef, _namespace: string | undefined, name: string, _type: unknown, body: unknown, options: { subresource?: string } = {}): Promise<T> {
    this.answer({ verb: "patch", resource: ref.resource, name, body, ...(options.subresource ? { subresource: options.subresource } : {}) });
    const found = this.objects.get(this.key(ref, name));
    if (!found) throw notFound({ group: ref.group, resource: ref.resource }, name);
    const merged: Stored = { ...found };
    for (const [field, value] of Object.entries(body as Record<string, Record<string, unknown>>)) {
      merged[field] = { ...(found[field] as Record<string, unknown> | undefined), ...value };
    }
    return this.store(ref, merged) as T;
  }
}
