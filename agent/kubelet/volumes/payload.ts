import type { ConfigMap } from "../../../src/api/core/v1/config-map.js";
import type { Secret } from "../../../src/api/core/v1/secret.js";
import type { KeyToPath } from "../../../src/api/core/v1/volume.js";
import { configMapBytes, secretBytes } from "../config/object-refs.js";

/** One file of a volume: its bytes and mode. */
export interface FileProjection {
  data: Buffer;
  mode: number;
  /** The file's user (a token file's, the pod's fsUser); undefined: the agent's own. */
  owner?: number;
}
/** Relative path → file. */
export type Payload = Map<string, FileProjection>;

/** Files are 0644 unless the volume or item says otherwise, Secrets too (Kubernetes' API default). */
export const DEFAULT_FILE_MODE = 0o644;

/**
 * The files of a configMap volume (or projection): every key under its own
 * name (data and binaryData), or just `items`, each at its path with its
 * mode. A missing ConfigMap that is optional gives no files; an item whose
 * key is missing fails unless the volume is optional.
 */
export function configMapPayload(
  configMap: ConfigMap | undefined,
  items: KeyToPath[] | undefined,
  defaultMode: number | undefined,
  optional: boolean,
): Payload {
  const keys = [...Object.keys(configMap?.data ?? {}), ...Object.keys(configMap?.binaryData ?? {})];
  const bytesOf = (key: string): Buffer | undefined => (configMap ? configMapBytes(configMap, key) : undefined);
  return keyedPayload(keys, bytesOf, items, defaultMode, optional, (key) => `configmap references non-existent config key: ${key}`);
}

/** The files of a secret volume (or projection), as `configMapPayload`, with Secret data decoded. */
export function secretPayload(
  secret: Secret | undefined,
  items: KeyToPath[] | undefined,
  defaultMode: number | undefined,
  optional: boolean,
): Payload {
  const bytesOf = (key: string): Buffer | undefined => (secret ? secretBytes(secret, key) : undefined);
  const missing = (key: string): string => `references non-existent secret key: ${key}`;
  return keyedPayload(Object.keys(secret?.data ?? {}), bytesOf, items, defaultMode, optional, missing);
}

function keyedPayload(
  keys: string[],
  bytesOf: (key: string) => Buffer | undefined,
  items: KeyToPath[] | undefined,
  defaultMode: number | undefined,
  optional: boolean,
  missingKey: (key: string) => string,
): Payload {
  const mode = defaultMode ?? DEFAULT_FILE_MODE;
  const payload: Payload = new Map();
  if (!items || items.length === 0) {
    for (const key of keys) {
      const data = bytesOf(key);
      if (data) payload.set(key, { data, mode });
    }
    return payload;
  }
  for (const item of items) {
    const data = bytesOf(item.key);
    if (data === undefined) {
      if (optional) continue;
      throw new Error(missingKey(item.key));
    }
    payload.set(item.path, { data, mode: item.mode ?? mode });
  }
  return payload;
}

/** One error as its message; several as `[a, b]`, as Kubernetes aggregates them. */
export function aggregateMessage(messages: string[]): string {
  return messages.length === 1 ? (messages[0] ?? "") : `[${messages.join(", ")}]`;
}
