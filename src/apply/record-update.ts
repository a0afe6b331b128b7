import { isJsonObject, type JsonObject, type JsonValue } from "../patch/json-value.js";
import { capUpdateManagers } from "./cap-managers.js";
import { FieldSet } from "./fieldpath/field-set.js";
import { managedFieldsTime, managerKey, type Managers } from "./managed-fields.js";
import { metadataOf, readManagers, withManagers, withoutManagedFields } from "./managed-object.js";
import { compareWrite, entryFor, transferOwnership, withoutServerOwned, writeContext, type ObjectType, type WriteContext } from "./ownership.js";

/** A non-apply write (create, update, patch) to record. */
export interface UpdateOptions {
  readonly type: ObjectType;
  /** The request's fieldManager, or its user agent's product name. */
  readonly manager: string;
  /** Milliseconds since the epoch. */
  readonly now: number;
  /** "" or absent for the object itself; `status`, `scale` for a subresource. */
  readonly subresource?: string;
  /** Dotted paths no manager of this write comes to own (`status` for a main resource with a status subresource). */
  readonly ignoredFields?: readonly string[];
}

// `[]` or `[{}]`: the client asks for managedFields to be cleared.
function isReset(managedFields: JsonValue | undefined): boolean {
  if (!Array.isArray(managedFields)) return false;
  const [only] = managedFields;
  return managedFields.length === 0 || (managedFields.length === 1 && isJsonObject(only) && Object.keys(only).length === 0);
}

/**
 * The entries a write starts from: those the client sent, when it sent
 * readable ones (that is how a client edits managedFields, as kubectl does
 * when it moves client-side apply's fields to server-side apply), else the
 * stored object's. A subresource write cannot edit them.
 */
function startingManagers(previous: JsonObject | undefined, next: JsonObject, subresource: string): Managers {
  if (subresource !== "") return readManagers(previous);
  const sent = metadataOf(next).managedFields;
  if (isReset(sent)) return new Map();
  const fromRequest = readManagers(next);
  return fromRequest.size > 0 ? fromRequest : readManagers(previous);
}

// The write's own changes are first recorded under this key, then merged into the writer's entry.
const currentOperation = "\u0000current-operation";

/**
 * Records who changed what in an Update-style write: every field that
 * changed from `previous` (undefined for a create) to `next` becomes owned
 * by `manager` (operation Update), and no other manager owns it any more;
 * removed fields are nobody's. Returns `next` with its new managedFields.
 * An existing object that has no managedFields stays without them, as in
 * Kubernetes (an apply starts tracking it). Never throws.
 *
 * @example
 * const stored = recordUpdate(undefined, created, { type: { apiVersion: "v1", kind: "ConfigMap" }, manager: "kubectl-create", now: Date.now() });
 */
export function recordUpdate(previous: JsonObject | undefined, next: JsonObject, options: UpdateOptions): JsonObject {
  const subresource = options.subresource ?? "";
  const managers = startingManagers(previous, next, subresource);
  const after = withoutManagedFields(next);
  if (managers.size === 0 && previous !== undefined) return after;
  const context = writeContext(options.type, options.ignoredFields);
  const identity = { manager: options.manager === "" ? "unknown" : options.manager, operation: "Update", subresource } as const;
  const updated = recordChanges(previous === undefined ? undefined : withoutManagedFields(previous), after, context, managers, identity, options.now);
  return withManagers(after, capUpdateManagers(updated));
}

/** The Update bookkeeping shared with apply's adoption of objects nobody manages yet. */
export function recordChanges(
  before: JsonObject | undefined,
  after: JsonObject,
  context: WriteContext,
  managers: Managers,
  identity: { manager: string; operation: "Update"; subresource: string },
  now: number,
): Managers {
  const comparison = compareWrite(before, after, context);
  const result = transferOwnership(managers, currentOperation, comparison);
  const current = withoutServerOwned(entryFor(identity, context, comparison.modified.union(comparison.added)));
  if (current.set.isEmpty()) return result;
  const key = managerKey(current);
  const previous = result.get(key)?.set ?? new FieldSet();
  result.set(key, { ...current, set: current.set.union(previous), time: managedFieldsTime(now) });
  return result;
}
