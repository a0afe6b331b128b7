import { cloneJson, isJsonObject, type JsonObject } from "../patch/json-value.js";
import { decodeManagedFields, encodeManagedFields, ManagedFieldsError, type Managers } from "./managed-fields.js";

/* An object's managedFields: read from it, taken off it for comparing, put back on it. */

/** The object's metadata, or an empty one. */
export function metadataOf(object: JsonObject): JsonObject {
  const metadata = object.metadata;
  return isJsonObject(metadata) ? metadata : {};
}

/** Its entries, or none when they cannot be read (Kubernetes resets them then). */
export function readManagers(object: JsonObject | undefined): Managers {
  if (object === undefined) return new Map();
  try {
    return decodeManagedFields(metadataOf(object).managedFields);
  } catch (error) {
    if (error instanceof ManagedFieldsError) return new Map();
    throw error;
  }
}

/** A copy without managedFields, as the ownership walkers compare objects. */
export function withoutManagedFields(object: JsonObject): JsonObject {
  const copy = cloneJson(object);
  if (isJsonObject(copy.metadata)) delete copy.metadata.managedFields;
  return copy;
}

/** `object` carrying `managers` (or no managedFields when there are none). */
export function withManagers(object: JsonObject, managers: Managers): JsonObject {
  const metadata = { ...metadataOf(object) };
  const encoded = encodeManagedFields(managers);
  if (encoded.length > 0) metadata.managedFields = encoded;
  else delete metadata.managedFields;
  return { ...object, metadata };
}
