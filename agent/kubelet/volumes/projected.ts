import type { Pod } from "../../../src/api/core/v1/pod.js";
import type { Volume } from "../../../src/api/core/v1/volume.js";
import type { ResourceList } from "../../../src/api/schema/primitives.js";
import { configMapNotFound, secretNotFound } from "../config/object-refs.js";
import type { ObjectSource } from "../pod-dependencies.js";
import { downwardAPIPayload } from "./downward-api.js";
import { podFsUser } from "./fs-user.js";
import { aggregateMessage, configMapPayload, DEFAULT_FILE_MODE, secretPayload, type Payload } from "./payload.js";
import type { PodTokenSource } from "./service-account-tokens.js";

/**
 * The files of a projected volume: its sources' files merged in order (a
 * later source's path replaces an earlier one's), under the volume's
 * defaultMode. Every source is tried; the errors are thrown together.
 * A token file is the pod's user's (`podFsUser`) when all its containers
 * run as one, and then 0600; 0600 too with an fsGroup (the writer makes it
 * group-readable, 0640); else the volume's defaultMode, as the kubelet
 * writes it.
 */
export async function projectedPayload(
  pod: Pod,
  source: NonNullable<Volume["projected"]>,
  objects: ObjectSource,
  allocatable: ResourceList | undefined,
  tokens: PodTokenSource,
): Promise<Payload> {
  const namespace = pod.metadata.namespace ?? "";
  const payload: Payload = new Map();
  const errors: string[] = [];
  for (const projection of source.sources ?? []) {
    try {
      let files: Payload = new Map();
      if (projection.secret) {
        const { name = "", items, optional = false } = projection.secret;
        const secret = objects.secret(namespace, name);
        if (!secret && !optional) throw new Error(secretNotFound(name));
        files = secretPayload(secret, items, source.defaultMode, optional);
      } else if (projection.configMap) {
        const { name = "", items, optional = false } = projection.configMap;
        const configMap = objects.configMap(namespace, name);
        if (!configMap && !optional) throw new Error(configMapNotFound(name));
        files = configMapPayload(configMap, items, source.defaultMode, optional);
      } else if (projection.downwardAPI) {
        files = downwardAPIPayload(pod, projection.downwardAPI.items, source.defaultMode, allocatable);
      } else if (projection.serviceAccountToken) {
        const token = await tokens.token(pod, projection.serviceAccountToken);
        const owner = podFsUser(pod);
        const ownedByPod = owner !== undefined || pod.spec.securityContext?.fsGroup !== undefined;
        const mode = ownedByPod ? 0o600 : (source.defaultMode ?? DEFAULT_FILE_MODE);
        files.set(projection.serviceAccountToken.path, { data: Buffer.from(token), mode, ...(owner !== undefined ? { owner } : {}) });
      }
      for (const [path, file] of files) payload.set(path, file);
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
    }
  }
  if (errors.length > 0) throw new Error(aggregateMessage(errors));
  return payload;
}
