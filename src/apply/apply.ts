import { isJsonObject, jsonEqual, jsonProblem, type JsonObject, type JsonValue } from "../patch/json-value.js";
import { ApplyError } from "./apply-error.js";
import type { Conflict } from "./conflicts.js";
import { FieldSet } from "./fieldpath/field-set.js";
import { fieldsClaimedByLastApplied, kubectlApplier, withLastAppliedUpdated } from "./last-applied.js";
import { managedFieldsTime, managerKey, type Managers } from "./managed-fields.js";
import { compareWrite, conflictsOf, entryFor, transferOwnership, withoutServerOwned, writeContext, type ObjectType, type WriteContext } from "./ownership.js";
import { metadataOf, readManagers, withManagers, withoutManagedFields } from "./managed-object.js";
import { recordChanges } from "./record-update.js";
import { mergeObjects, withoutNulls } from "./typed/merge.js";
import { withNamedFieldsAsMembers } from "./typed/named-fields.js";
import { removeItems } from "./typed/remove-items.js";
import { ItemKeyError } from "./typed/shape.js";
import { toFieldSet } from "./typed/to-field-set.js";

export interface ApplyOptions {
  /** The served type; the configuration must name it. */
  readonly type: ObjectType;
  /** The request's fieldManager (required for apply). */
  readonly manager: string;
  /** Take conflicting fields from their managers instead of failing. */
  readonly force: boolean;
  /** Milliseconds since the epoch. */
  readonly now: number;
  /** "" or absent for the object itself; `status` for the status subresource. */
  readonly subresource?: string;
  /** Dotted paths no manager of this write comes to own (`status` for a main resource with a status subresource). */
  readonly ignoredFields?: readonly string[];
}

/** The object to store, or the conflicts that stopped the apply. */
export type ApplyOutcome = { ok: true; object: JsonObject } | { ok: false; conflicts: Conflict[] };

/** Kubernetes' name for the Update entry that adopts an object nobody managed before its first apply. */
const beforeFirstApply = "before-first-apply";

function groupVersionKind(apiVersion: JsonValue | undefined, kind: JsonValue | undefined): string {
  const version = typeof apiVersion === "string" ? apiVersion : "";
  return `${version.includes("/") ? version : `/${version}`}, Kind=${typeof kind === "string" ? kind : ""}`;
}

/** The configuration as an object of the served type, or the ApplyError Kubernetes would answer. */
function checkConfiguration(config: unknown, type: ObjectType): JsonObject {
  const problem = jsonProblem(config);
  if (problem !== undefined) throw new ApplyError(`invalid apply configuration: ${problem}`);
  if (!isJsonObject(config as JsonValue)) throw new ApplyError("the apply configuration must be an object");
  const object = config as JsonObject;
  if (object.apiVersion !== type.apiVersion || object.kind !== type.kind) {
    throw new ApplyError(`invalid object type: ${groupVersionKind(object.apiVersion, object.kind)}`);
  }
  if (metadataOf(object).managedFields !== undefined) throw new ApplyError("metadata.managedFields must be nil");
  return object;
}

/**
 * Removes what the applier applied last time and applies no longer, unless
 * another manager (or this apply) owns it, as structured-merge-diff's prune
 * settles it: a struct field counts as owned when anything under it is.
 */
function prune(merged: JsonValue, config: JsonObject, managers: Managers, lastApplied: FieldSet, context: WriteContext): JsonValue {
  const owned = [...managers.values()].reduce((all, entry) => all.union(entry.set), new FieldSet());
  const orphaned = withNamedFieldsAsMembers(lastApplied, context.schema).difference(withNamedFieldsAsMembers(owned, context.schema));
  if (orphaned.isEmpty()) return merged;
  // Removing the last key of `labels: {}` drops the emptied map; merging the configuration again keeps the `{}` it applies.
  return mergeObjects(removeItems(merged, orphaned, context.schema), config, context.schema);
}

type Attempt = { ok: true; object: JsonObject; managers: Managers } | { ok: false; conflicts: Conflict[] };

/** One apply, as structured-merge-diff's Updater.Apply plus Kubernetes' bookkeeping of the applier's entry. */
function applyOnce(
  live: JsonObject | undefined,
  config: JsonObject,
  context: WriteContext,
  managers: Managers,
  options: ApplyOptions,
  force: boolean,
): Attempt {
  const identity = { manager: options.manager, operation: "Apply", subresource: options.subresource ?? "" } as const;
  const key = managerKey(entryFor(identity, context, new FieldSet()));
  const previous = managers.get(key);
  const applied = toFieldSet(config, context.schema).recursiveDifference(context.ignored);
  const withApplier: Managers = new Map(managers).set(key, entryFor(identity, context, applied, previous?.time));

  const merged = mergeObjects(live, config, context.schema);
  const result = previous === undefined ? merged : prune(merged, config, withApplier, previous.set, context);
  const comparison = compareWrite(live, result, context);
  const conflicts = conflictsOf(withApplier, key, comparison);
  if (!force && conflicts.length > 0) return { ok: false, conflicts };

  const next = transferOwnership(withApplier, key, comparison);
  const applier = next.get(key);
  next.delete(key);
  if (applier !== undefined) {
    const changed = live === undefined || !jsonEqual(live, result);
    const entry = withoutServerOwned(changed ? { ...applier, time: managedFieldsTime(options.now) } : applier);
    if (!entry.set.isEmpty()) next.set(key, entry);
  }
  return { ok: true, object: result as JsonObject, managers: next };
}

/** Kubernetes lets kubectl take over fields client-side apply claims with unchanged values; other conflicts stand. */
function withClientSideApplyHandOver(live: JsonObject, attempt: Attempt, retry: () => Attempt, context: WriteContext): Attempt {
  if (attempt.ok) return attempt;
  const claimed = fieldsClaimedByLastApplied(live, context);
  if (claimed === undefined) return attempt;
  const remaining = attempt.conflicts.filter((conflict) => !claimed.has(conflict.path));
  return remaining.length === 0 ? retry() : { ok: false, conflicts: remaining };
}

/**
 * Server-side apply (`application/apply-patch+yaml`) of `config` by
 * `options.manager` to `live` (undefined when the object does not exist
 * yet). The result is `live` with the configuration's fields set; fields the
 * manager applied before and applies no longer are removed unless another
 * manager owns them; the manager owns exactly what it applied. A field the
 * configuration would change that another manager owns is a conflict,
 * unless `force` takes it over. The object returned carries its new
 * `metadata.managedFields`; it is not yet defaulted or validated.
 *
 * @example
 * const outcome = serverSideApply(current, body, { type: { apiVersion: "apps/v1", kind: "Deployment" }, manager: "kubectl", force: false, now: Date.now() });
 * if (!outcome.ok) throw conflict(conflictMessage(outcome.conflicts));
 * @throws ApplyError when the configuration cannot be applied at all.
 */
export function serverSideApply(live: JsonObject | undefined, config: unknown, options: ApplyOptions): ApplyOutcome {
  const applied = checkConfiguration(config, options.type);
  const context = writeContext(options.type, options.ignoredFields);
  const before = live === undefined ? undefined : withoutManagedFields(live);
  let managers = readManagers(live);
  if (before !== undefined && managers.size === 0) {
    const adopter = { manager: beforeFirstApply, operation: "Update", subresource: options.subresource ?? "" } as const;
    managers = recordChanges(undefined, before, context, managers, adopter, options.now);
  }

  let attempt: Attempt;
  try {
    attempt = applyOnce(before, applied, context, managers, options, options.force);
    if (before !== undefined && options.manager === kubectlApplier) {
      attempt = withClientSideApplyHandOver(before, attempt, () => applyOnce(before, applied, context, managers, options, true), context);
    }
  } catch (error) {
    if (error instanceof ItemKeyError) throw new ApplyError(error.message);
    throw error;
  }
  if (!attempt.ok) return attempt;

  let object = withoutNulls(attempt.object) as JsonObject;
  if (options.manager === kubectlApplier) object = withLastAppliedUpdated(object, applied);
  return { ok: true, object: withManagers(object, attempt.managers) };
}
