import type { JsonValue } from "../patch/json-value.js";
import type { Conflict } from "./conflicts.js";
import { FieldSet } from "./fieldpath/field-set.js";
import { fieldElement } from "./fieldpath/path-element.js";
import type { ManagerEntry, ManagerIdentity, Managers } from "./managed-fields.js";
import { schemaForKind } from "./schema/kinds.js";
import type { TypeSchema } from "./schema/type-schema.js";
import { compareObjects, type Comparison } from "./typed/compare.js";

/** The served type of an object: `{ apiVersion: "apps/v1", kind: "Deployment" }`. */
export interface ObjectType {
  readonly apiVersion: string;
  readonly kind: string;
}

/** What every ownership computation of one write needs. */
export interface WriteContext {
  readonly schema: TypeSchema;
  readonly apiVersion: string;
  /** Fields no manager of this write comes to own (a main resource's status): Kubernetes' reset fields. */
  readonly ignored: FieldSet;
}

/**
 * The context of a write of `type`; `ignoredFields` are dotted field paths
 * (`status`, `metadata.labels`).
 */
export function writeContext(type: ObjectType, ignoredFields: readonly string[] = []): WriteContext {
  const group = type.apiVersion.includes("/") ? (type.apiVersion.split("/")[0] ?? "") : "";
  return {
    schema: schemaForKind(group, type.kind),
    apiVersion: type.apiVersion,
    ignored: FieldSet.of(...ignoredFields.map((path) => path.split(".").map(fieldElement))),
  };
}

const serverOwnedMetadata = ["name", "namespace", "creationTimestamp", "selfLink", "uid", "clusterName", "generation", "managedFields", "resourceVersion"];

/** Fields that are never anyone's: type and identity metadata the server owns (Kubernetes' stripMeta). */
const serverOwned = FieldSet.of(
  [fieldElement("apiVersion")],
  [fieldElement("kind")],
  [fieldElement("metadata")],
  ...serverOwnedMetadata.map((name) => [fieldElement("metadata"), fieldElement(name)]),
);

/** `entry` without the fields no manager may own. */
export function withoutServerOwned<T extends ManagerEntry>(entry: T): T {
  return { ...entry, set: entry.set.difference(serverOwned) };
}

/** What a write changed, without the fields no manager of it may own. */
export function compareWrite(before: JsonValue | undefined, after: JsonValue, context: WriteContext): Comparison {
  const full = compareObjects(before, after, context.schema);
  return {
    added: full.added.recursiveDifference(context.ignored),
    modified: full.modified.recursiveDifference(context.ignored),
    removed: full.removed.recursiveDifference(context.ignored),
  };
}

const changedBy = (comparison: Comparison): FieldSet => comparison.modified.union(comparison.added);

/** Fields other managers own that the write changes (structured-merge-diff's conflicts). */
export function conflictsOf(managers: Managers, writerKey: string, comparison: Comparison): Conflict[] {
  const changed = changedBy(comparison);
  const conflicts: Conflict[] = [];
  for (const [key, entry] of managers) {
    if (key === writerKey) continue;
    for (const path of entry.set.intersection(changed).paths()) conflicts.push({ manager: entry, path });
  }
  return conflicts;
}

/**
 * Ownership after the write, as structured-merge-diff's update settles it
 * once conflicts are allowed: the fields the write changed are no other
 * manager's, and removed fields are nobody's. The writer's own entry is
 * left to the caller; entries left empty are dropped.
 */
export function transferOwnership(managers: Managers, writerKey: string, comparison: Comparison): Managers {
  const changed = changedBy(comparison);
  const next: Managers = new Map();
  for (const [key, entry] of managers) {
    const set = key === writerKey ? entry.set : entry.set.difference(changed).difference(comparison.removed);
    if (!set.isEmpty()) next.set(key, { ...entry, set });
  }
  return next;
}

/** An entry for `identity` at this write's version. */
export function entryFor(identity: Omit<ManagerIdentity, "apiVersion">, context: WriteContext, set: FieldSet, time?: string): ManagerEntry {
  const entry = { ...identity, apiVersion: context.apiVersion, set };
  return time === undefined ? entry : { ...entry, time };
}
