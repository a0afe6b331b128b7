import { z } from "zod";
import { validateObjectMeta, validateObjectMetaUpdate } from "../../meta/v1/object-meta-validation.js";
import { metadataField } from "../../meta/v1/object-meta.js";
import { typeFields } from "../../meta/v1/type-meta.js";
import { stringMap } from "../../schema/primitives.js";
import { semanticEqual, validateImmutableField } from "../../validation/common.js";
import { forbidden, invalid, required, tooLong, type FieldError } from "../../validation/field-error.js";
import { root } from "../../validation/field-path.js";
import { nameIsDNSSubdomain } from "../../validation/object-names.js";
import { base64DecodedLength, base64Problem, encodeBase64 } from "./base64.js";
import { isConfigMapKey } from "./config-map-key.js";
import { MAX_DATA_SIZE } from "./config-map.js";

/** A Secret: key → base64 bytes; stringData is write-only text merged into data. */
export const secretSchema = z.object({
  ...typeFields("v1", "Secret"),
  metadata: metadataField,
  immutable: z.boolean().optional(),
  data: stringMap.optional(),
  stringData: stringMap.optional(),
  type: z.string().optional(),
});
export type Secret = z.infer<typeof secretSchema>;

/**
 * Type Opaque unless given, and stringData merged into data as base64
 * (stringData wins), as Kubernetes stores a Secret: stringData is never
 * read back.
 */
export function setSecretDefaults(secret: Secret): void {
  secret.type ||= "Opaque";
  if (secret.stringData) {
    const data = (secret.data ??= {});
    for (const [key, value] of Object.entries(secret.stringData)) data[key] = encodeBase64(value);
    delete secret.stringData;
  }
}

/** Keys a Secret of a well-known type must carry. */
function validateTypedKeys(secret: Secret): FieldError[] {
  const data = secret.data ?? {};
  const key = (name: string) => root("data").key(name);
  const has = (name: string): boolean => Object.hasOwn(data, name);
  const decodedJSON = (name: string): FieldError[] => {
    const value = data[name];
    if (value === undefined) return [required(key(name))];
    if (base64Problem(value)) return [];
    try {
      const parsed: unknown = JSON.parse(Buffer.from(value, "base64").toString("utf8"));
      if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) return [];
      return [invalid(key(name), "<secret contents redacted>", "must be a JSON object")];
    } catch (error) {
      return [invalid(key(name), "<secret contents redacted>", error instanceof Error ? error.message : String(error))];
    }
  };
  switch (secret.type) {
    case "kubernetes.io/service-account-token":
      return secret.metadata.annotations?.["kubernetes.io/service-account.name"]
        ? []
        : [required(root("metadata").child("annotations").key("kubernetes.io/service-account.name"))];
    case "kubernetes.io/dockercfg":
      return decodedJSON(".dockercfg");
    case "kubernetes.io/dockerconfigjson":
      return decodedJSON(".dockerconfigjson");
    case "kubernetes.io/basic-auth":
      return has("username") || has("password") ? [] : [required(key("username")), required(key("password"))];
    case "kubernetes.io/ssh-auth":
      return data["ssh-privatekey"] ? [] : [required(key("ssh-privatekey"))];
    case "kubernetes.io/tls":
      return [...(has("tls.crt") ? [] : [required(key("tls.crt"))]), ...(has("tls.key") ? [] : [required(key("tls.key"))])];
    default:
      return [];
  }
}

/** Validates a Secret: keys usable as file names, values base64, 1 MiB in all, the keys its type needs. */
export function validateSecret(secret: Secret): FieldError[] {
  const errors = validateObjectMeta(secret.metadata, { namespaced: true, name: nameIsDNSSubdomain }, root("metadata"));
  let size = 0;
  for (const [key, value] of Object.entries(secret.data ?? {})) {
    const at = root("data").key(key);
    for (const message of isConfigMapKey(key)) errors.push(invalid(at, key, message));
    const problem = base64Problem(value);
    if (problem) errors.push(invalid(at, "<secret contents redacted>", problem));
    else size += base64DecodedLength(value);
  }
  if (size > MAX_DATA_SIZE) errors.push(tooLong(root("data"), MAX_DATA_SIZE));
  errors.push(...validateTypedKeys(secret));
  return errors;
}

const immutableMessage = "field is immutable when `immutable` is set";

/** A Secret's type never changes; once `immutable: true`, neither do its data nor the flag. */
export function validateSecretUpdate(secret: Secret, old: Secret): FieldError[] {
  const errors = validateObjectMetaUpdate(secret.metadata, old.metadata, root("metadata"));
  errors.push(...validateImmutableField(secret.type, old.type, root("type")));
  if (old.immutable === true) {
    if (secret.immutable !== true) errors.push(forbidden(root("immutable"), immutableMessage));
    if (!semanticEqual(secret.data, old.data)) errors.push(forbidden(root("data"), immutableMessage));
  }
  return errors;
}
