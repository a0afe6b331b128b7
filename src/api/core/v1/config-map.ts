import { z } from "zod";
import { validateObjectMeta, validateObjectMetaUpdate } from "../../meta/v1/object-meta-validation.js";
import { metadataField } from "../../meta/v1/object-meta.js";
import { typeFields } from "../../meta/v1/type-meta.js";
import { stringMap } from "../../schema/primitives.js";
import { forbidden, invalid, tooLong, type FieldError } from "../../validation/field-error.js";
import { root } from "../../validation/field-path.js";
import { nameIsDNSSubdomain } from "../../validation/object-names.js";
import { base64DecodedLength, base64Problem } from "./base64.js";
import { isConfigMapKey } from "./config-map-key.js";
import { semanticEqual } from "../../validation/common.js";

/** A ConfigMap: configuration as key → text (data) or key → base64 bytes (binaryData). */
export const configMapSchema = z.object({
  ...typeFields("v1", "ConfigMap"),
  metadata: metadataField,
  immutable: z.boolean().optional(),
  data: stringMap.optional(),
  binaryData: stringMap.optional(),
});
export type ConfigMap = z.infer<typeof configMapSchema>;

/** The most a ConfigMap or Secret may hold: 1 MiB. */
export const MAX_DATA_SIZE = 1024 * 1024;

/** Validates a ConfigMap: keys usable as file names, binaryData base64, 1 MiB in all. */
export function validateConfigMap(configMap: ConfigMap): FieldError[] {
  const errors = validateObjectMeta(configMap.metadata, { namespaced: true, name: nameIsDNSSubdomain }, root("metadata"));
  const binary = configMap.binaryData ?? {};
  let size = 0;
  for (const [key, value] of Object.entries(configMap.data ?? {})) {
    const at = root("data").key(key);
    for (const message of isConfigMapKey(key)) errors.push(invalid(at, key, message));
    if (Object.hasOwn(binary, key)) errors.push(invalid(at, key, "duplicate of key present in binaryData"));
    size += Buffer.byteLength(value, "utf8");
  }
  for (const [key, value] of Object.entries(binary)) {
    const at = root("binaryData").key(key);
    for (const message of isConfigMapKey(key)) errors.push(invalid(at, key, message));
    const problem = base64Problem(value);
    if (problem) errors.push(invalid(at, "<binary data>", problem));
    else size += base64DecodedLength(value);
  }
  // Kubernetes names no field here: the limit is on the whole object.
  if (size > MAX_DATA_SIZE) errors.push(tooLong("", MAX_DATA_SIZE));
  return errors;
}

const immutableMessage = "field is immutable when `immutable` is set";

/** Once `immutable: true`, a ConfigMap's data and binaryData never change, nor does the flag. */
export function validateConfigMapUpdate(configMap: ConfigMap, old: ConfigMap): FieldError[] {
  const errors = validateObjectMetaUpdate(configMap.metadata, old.metadata, root("metadata"));
  if (old.immutable === true) {
    if (configMap.immutable !== true) errors.push(forbidden(root("immutable"), immutableMessage));
    if (!semanticEqual(configMap.data, old.data)) errors.push(forbidden(root("data"), immutableMessage));
    if (!semanticEqual(configMap.binaryData, old.binaryData)) errors.push(forbidden(root("binaryData"), immutableMessage));
  }
  return errors;
}
