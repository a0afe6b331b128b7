import path from "node:path";
import type { Pod } from "../../../src/api/core/v1/pod.js";
import type { DownwardAPIVolumeFile } from "../../../src/api/core/v1/volume.js";
import type { ResourceList } from "../../../src/api/schema/primitives.js";
import { podMetadataField } from "../config/pod-fields.js";
import { resourceFieldValue } from "../config/resource-field.js";
import { aggregateMessage, DEFAULT_FILE_MODE, type Payload } from "./payload.js";

/**
 * The files of a downwardAPI volume (or projection): each item's pod field
 * (name, namespace, uid, labels, annotations) or container resource, at its
 * path. Every item is tried; the errors are thrown together.
 */
export function downwardAPIPayload(
  pod: Pod,
  items: DownwardAPIVolumeFile[] | undefined,
  defaultMode: number | undefined,
  allocatable: ResourceList | undefined,
): Payload {
  const payload: Payload = new Map();
  const errors: string[] = [];
  for (const item of items ?? []) {
    const mode = item.mode ?? defaultMode ?? DEFAULT_FILE_MODE;
    try {
      let value = "";
      if (item.fieldRef) value = podMetadataField(pod, item.fieldRef.fieldPath);
      else if (item.resourceFieldRef) value = resourceFieldValue(pod, undefined, item.resourceFieldRef, allocatable);
      payload.set(path.posix.normalize(item.path), { data: Buffer.from(value, "utf8"), mode });
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
    }
  }
  if (errors.length > 0) throw new Error(aggregateMessage(errors));
  return payload;
}
