import type { FieldError } from "../../../src/api/validation/field-error.js";
import type { StoredObject } from "../storage/object-store.js";
import type { VirtualResource } from "../virtual/virtual-resource.js";

/**
 * What the apiserver knows of one resource it serves: where it lives, what it
 * is called, and how a body becomes a valid object (the object model's
 * decode: parse, default, validate).
 */
export interface ServedResource {
  group: string;
  version: string;
  /** Plural, as in the URL: `deployments`. */
  resource: string;
  kind: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  /** Has a `/status` subresource: main-resource writes keep status, status writes keep the rest. */
  hasStatus: boolean;
  /** Parses, defaults and validates a whole object; every problem at once. */
  decode(input: unknown, unknownFields: "strict" | "ignore"): DecodeOutcome;
  /** Rules that compare the new object with the stored one (immutable fields). */
  validateUpdate(previous: StoredObject, next: StoredObject): FieldError[];
}

export type DecodeOutcome = { ok: true; object: StoredObject } | { ok: false; errors: FieldError[] };

/** `apps/v1` or `v1`. */
export const apiVersionOf = (r: { group: string; version: string }): string =>
  r.group === "" ? r.version : `${r.group}/${r.version}`;

/** Lookup of served resources by the parts of a request path. */
export class ResourceTable {
  private readonly byPath = new Map<string, ServedResource>();
  private readonly virtualByPath = new Map<string, VirtualResource>();

  /** `virtual`: create-only resources that are computed, never stored (access reviews). */
  constructor(
    readonly all: readonly ServedResource[],
    readonly virtual: readonly VirtualResource[] = [],
  ) {
    for (const r of all) this.byPath.set(`${r.group}/${r.version}/${r.resource}`, r);
    for (const r of virtual) this.virtualByPath.set(`${r.group}/${r.version}/${r.resource}`, r);
  }

  find(group: string, version: string, resource: string): ServedResource | undefined {
    return this.byPath.get(`${group}/${version}/${resource}`);
  }

  findVirtual(group: string, version: string, resource: string): VirtualResource | undefined {
    return this.virtualByPath.get(`${group}/${version}/${resource}`);
  }

  /** Group versions in the order discovery lists them. */
  groupVersions(): Array<{ group: string; version: string }> {
    const seen = new Map<string, { group: string; version: string }>();
    for (const r of [...this.all, ...this.virtual]) seen.set(apiVersionOf(r), { group: r.group, version: r.version });
    return [...seen.values()];
  }
}
