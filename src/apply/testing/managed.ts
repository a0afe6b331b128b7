import { isJsonObject, type JsonObject } from "../../patch/json-value.js";
import { formatPath } from "../fieldpath/path-element.js";
import { decodeManagedFields } from "../managed-fields.js";

/** What the object's managedFields say `manager` owns (through `operation`), as printed paths. */
export function ownedBy(object: JsonObject, manager: string, operation: "Apply" | "Update" = "Apply"): string[] {
  const metadata = isJsonObject(object.metadata) ? object.metadata : {};
  const entries = [...decodeManagedFields(metadata.managedFields).values()].filter((e) => e.manager === manager && e.operation === operation);
  return entries.flatMap((entry) => entry.set.paths().map(formatPath));
}

/** The names of the object's managedFields entries, in stored order: `Apply kubectl`, `Update kubectl/scale`. */
export function managerNames(object: JsonObject): string[] {
  const metadata = isJsonObject(object.metadata) ? object.metadata : {};
  const entries = Array.isArray(metadata.managedFields) ? metadata.managedFields : [];
  return entries.filter(isJsonObject).map((e) => `${String(e.operation)} ${String(e.manager)}${typeof e.subresource === "string" ? `/${e.subresource}` : ""}`);
}
