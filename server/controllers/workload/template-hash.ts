// apimachinery's rand alphabet: no vowels (no words) and no look-alikes (0/o, 1/l, 3/e).
const safeAlphabet = "bcdfghjklmnpqrstvwxz2456789";

/**
 * Kubernetes' ComputeHash, shared by the Deployment's `pod-template-hash`
 * and the DaemonSet's `controller-revision-hash`: a 32-bit FNV-1a of the pod template, then of
 * `collisionCount` (little-endian) when set, rendered as its decimal digits
 * mapped onto the safe alphabet (rand.SafeEncodeString). The template is
 * hashed as canonical JSON (sorted keys, empty values left out) rather than
 * Go's memory dump, so the value differs from Kubernetes' but is stable for
 * a template and changes with any change that matters.
 *
 * @example
 * podTemplateHash({ metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1" }] } }); // e.g. "5d4b9c7f8"
 */
export function podTemplateHash(template: unknown, collisionCount?: number): string {
  let hash = fnv1a(0x811c9dc5, new TextEncoder().encode(canonicalJson(template)));
  if (collisionCount !== undefined) {
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setUint32(0, collisionCount >>> 0, true);
    hash = fnv1a(hash, bytes);
  }
  return [...String(hash)].map((digit) => safeAlphabet[digit.charCodeAt(0) % safeAlphabet.length]).join("");
}

function fnv1a(seed: number, bytes: Uint8Array): number {
  let hash = seed;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash >>> 0;
}

// Absent, null, empty lists and empty maps are alike (semantic equality), so they hash alike.
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, field]) => !isEmpty(field))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === "object" && Object.keys(value).length === 0;
}
