import { compareStrings } from "./fieldpath/path-element.js";
import { managerKey, type ManagerEntry, type Managers } from "./managed-fields.js";

/** Kubernetes keeps at most this many Update entries per object. */
export const maxUpdateManagers = 10;

const ancientChanges = "ancient-changes";

function seconds(entry: ManagerEntry): number {
  const ms = entry.time === undefined ? Number.NaN : Date.parse(entry.time);
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
}

/**
 * Merges the oldest Update entries into one `ancient-changes` entry per API
 * version until at most `maxUpdateManagers` remain, as Kubernetes does, so a
 * stream of differently named writers cannot grow managedFields without end.
 */
export function capUpdateManagers(managers: Managers): Managers {
  const updaters = [...managers].filter(([, entry]) => entry.operation === "Update");
  if (updaters.length <= maxUpdateManagers) return managers;
  updaters.sort(([keyA, a], [keyB, b]) => Math.sign(seconds(a) - seconds(b)) || compareStrings(keyA, keyB));

  const capped: Managers = new Map(managers);
  const firstOfVersion = new Map<string, string>();
  let remaining = updaters.length;
  for (const [key, entry] of updaters) {
    if (remaining <= maxUpdateManagers) break;
    const first = firstOfVersion.get(entry.apiVersion);
    if (first === undefined) {
      firstOfVersion.set(entry.apiVersion, key);
      continue;
    }
    const identity = { manager: ancientChanges, operation: "Update", apiVersion: entry.apiVersion, subresource: "" } as const;
    const bucketKey = managerKey(identity);
    // The version's oldest entry becomes the bucket the first time one is needed.
    let bucket = capped.get(bucketKey);
    if (bucket === undefined) {
      bucket = capped.get(first);
      capped.delete(first);
    }
    capped.delete(key);
    const set = bucket === undefined ? entry.set : entry.set.union(bucket.set);
    // The merged entry takes the time of the newer update.
    capped.set(bucketKey, entry.time === undefined ? { ...identity, set } : { ...identity, time: entry.time, set });
    remaining--;
  }
  return capped;
}
