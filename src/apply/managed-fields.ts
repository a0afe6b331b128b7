import { isJsonObject, type JsonObject, type JsonValue } from "../patch/json-value.js";
import type { FieldSet } from "./fieldpath/field-set.js";
import { decodeFieldsV1, encodeFieldsV1 } from "./fieldpath/fields-v1.js";
import { compareStrings, FieldsV1Error } from "./fieldpath/path-element.js";

export type Operation = "Apply" | "Update";

/** Who wrote: a manager's name, how, and through which subresource ("" for the object itself). */
export interface ManagerIdentity {
  readonly manager: string;
  readonly operation: Operation;
  /** For an Update, the API version it wrote with; an applier's entry keeps the version of its last apply. */
  readonly apiVersion: string;
  readonly subresource: string;
}

/** One `metadata.managedFields` entry, with its fields as a set. */
export interface ManagerEntry extends ManagerIdentity {
  /** RFC 3339, whole seconds: when this manager last changed the object. */
  readonly time?: string;
  readonly set: FieldSet;
}

/** The entries of an object, by `managerKey`. */
export type Managers = Map<string, ManagerEntry>;

/**
 * An entry's identity, as Kubernetes builds it: appliers are one entry per
 * name (and subresource) whatever version they applied with; updaters are
 * one per name and version.
 */
export function managerKey(identity: ManagerIdentity): string {
  const apiVersion = identity.operation === "Apply" ? "" : identity.apiVersion;
  return JSON.stringify([identity.manager, identity.operation, apiVersion, identity.subresource]);
}

/** `metadata.managedFields` that cannot be read. */
export class ManagedFieldsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ManagedFieldsError";
  }
}

function optionalString(entry: JsonObject, field: string, index: number): string | undefined {
  const value = entry[field];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw new ManagedFieldsError(`managed fields entry ${index}: ${field} must be a string`);
  return value;
}

function decodeEntry(entry: JsonValue, index: number): ManagerEntry {
  if (!isJsonObject(entry)) throw new ManagedFieldsError(`managed fields entry ${index} must be an object`);
  const operation = optionalString(entry, "operation", index);
  if (operation !== "Apply" && operation !== "Update") throw new ManagedFieldsError("operation must be `Apply` or `Update`");
  const apiVersion = optionalString(entry, "apiVersion", index) ?? "";
  if (apiVersion === "") throw new ManagedFieldsError("apiVersion must not be empty");
  const fieldsType = optionalString(entry, "fieldsType", index) ?? "";
  if (fieldsType === "") throw new ManagedFieldsError(`missing fieldsType in managed fields entry ${index}`);
  if (fieldsType !== "FieldsV1") throw new ManagedFieldsError(`invalid fieldsType ${JSON.stringify(fieldsType)} in managed fields entry ${index}`);
  let set: FieldSet;
  try {
    set = decodeFieldsV1(entry.fieldsV1 ?? {});
  } catch (error) {
    if (error instanceof FieldsV1Error) throw new ManagedFieldsError(`managed fields entry ${index}: ${error.message}`);
    throw error;
  }
  const time = optionalString(entry, "time", index);
  const identity: ManagerIdentity = {
    manager: optionalString(entry, "manager", index) ?? "",
    operation,
    apiVersion,
    subresource: optionalString(entry, "subresource", index) ?? "",
  };
  return time === undefined ? { ...identity, set } : { ...identity, time, set };
}

/**
 * Reads `metadata.managedFields`; absent reads as no entries.
 *
 * @throws ManagedFieldsError for an entry Kubernetes would not decode either.
 */
export function decodeManagedFields(managedFields: JsonValue | undefined): Managers {
  const managers: Managers = new Map();
  if (managedFields === undefined || managedFields === null) return managers;
  if (!Array.isArray(managedFields)) throw new ManagedFieldsError("managedFields must be a list");
  managedFields.forEach((value, index) => {
    const entry = decodeEntry(value, index);
    managers.set(managerKey(entry), entry);
  });
  return managers;
}

function seconds(time: string | undefined): number {
  const ms = time === undefined ? Number.NaN : Date.parse(time);
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
}

// Kubernetes' order: appliers first, then oldest first, then by name, version and subresource.
function compareEntries(a: ManagerEntry, b: ManagerEntry): number {
  return (
    compareStrings(a.operation, b.operation) ||
    Math.sign(seconds(a.time) - seconds(b.time)) ||
    compareStrings(a.manager, b.manager) ||
    compareStrings(a.apiVersion, b.apiVersion) ||
    compareStrings(a.subresource, b.subresource)
  );
}

/** The entries as `metadata.managedFields` holds them, in Kubernetes' order; empty sets are left out. */
export function encodeManagedFields(managers: Managers): JsonObject[] {
  return [...managers.values()]
    .filter((entry) => !entry.set.isEmpty())
    .sort(compareEntries)
    .map((entry) => {
      const encoded: JsonObject = { manager: entry.manager, operation: entry.operation, apiVersion: entry.apiVersion };
      if (entry.time !== undefined) encoded.time = entry.time;
      encoded.fieldsType = "FieldsV1";
      encoded.fieldsV1 = encodeFieldsV1(entry.set);
      if (entry.subresource !== "") encoded.subresource = entry.subresource;
      return encoded;
    });
}

/** Kubernetes' timestamps: RFC 3339 in UTC, whole seconds. */
export function managedFieldsTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}
