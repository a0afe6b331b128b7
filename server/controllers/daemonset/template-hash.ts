import { stableJson } from "../workload/stable-json.js";

/** The label naming the revision of the template a daemon pod was made from. */
export const revisionHashLabel = "controller-revision-hash";
/** The label with the DaemonSet's template generation a pod was made from. */
export const templateGenerationLabel = "pod-template-generation";

// Kubernetes' rand.SafeEncodeString alphabet: no vowels (no words), no look-alikes.
const safeAlphabet = "bcdfghjklmnpqrstvwxz2456789";

/** 32-bit FNV-1a over the UTF-8 bytes of `text`. */
function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/**
 * The `controller-revision-hash` of a template, as Kubernetes' ComputeHash
 * shapes it (FNV-32a, the number's digits in the safe alphabet). skiff has
 * no ControllerRevision kind: the hash of the template itself names the revision.
 */
export function templateHash(template: unknown, collisionCount = 0): string {
  const text = stableJson(template) + (collisionCount > 0 ? String(collisionCount) : "");
  return [...String(fnv1a32(text))].map((digit) => safeAlphabet[digit.charCodeAt(0) % safeAlphabet.length]).join("");
}
