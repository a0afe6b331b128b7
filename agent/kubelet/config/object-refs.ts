import type { ConfigMap } from "../../../src/api/core/v1/config-map.js";
import type { Secret } from "../../../src/api/core/v1/secret.js";

/*
 * How the kubelet words a missing ConfigMap or Secret (its managers' NotFound
 * errors name the resource in the singular), shared by env and volumes.
 */

export function configMapNotFound(name: string): string {
  return `configmap "${name}" not found`;
}

export function secretNotFound(name: string): string {
  return `secret "${name}" not found`;
}

/** A key of a ConfigMap as bytes: `data` as UTF-8, else `binaryData` decoded. */
export function configMapBytes(configMap: ConfigMap, key: string): Buffer | undefined {
  const text = ownValue(configMap.data, key);
  if (text !== undefined) return Buffer.from(text, "utf8");
  const binary = ownValue(configMap.binaryData, key);
  return binary === undefined ? undefined : Buffer.from(binary, "base64");
}

/** A key of a Secret as bytes (Secret data travels as base64). */
export function secretBytes(secret: Secret, key: string): Buffer | undefined {
  const encoded = ownValue(secret.data, key);
  return encoded === undefined ? undefined : Buffer.from(encoded, "base64");
}

/** `map[key]` only for the map's own keys: a key named `constructor` is data, not a prototype member. */
export function ownValue(map: Readonly<Record<string, string>> | undefined, key: string): string | undefined {
  return map !== undefined && Object.hasOwn(map, key) ? map[key] : undefined;
}
