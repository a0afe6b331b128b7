import { parseQuantity, Quantity } from "../../quantity.js";
import type { ResourceList } from "../../schema/primitives.js";

/**
 * A quantity's text as Kubernetes writes it back ("1024Mi" → "1Gi",
 * "0.5" → "500m"), or the text unchanged when it is no quantity (validation
 * reports that).
 */
export function canonicalQuantity(text: string): string {
  const parsed = parseQuantity(text.trim());
  return parsed.ok ? parsed.value.toString() : text;
}

/**
 * A ResourceList as Kubernetes stores it: every quantity rounded up to a
 * thousandth and written canonically ("1n" → "1m").
 */
export function canonicalResourceList(list: ResourceList): ResourceList {
  const out: ResourceList = {};
  for (const [name, text] of Object.entries(list)) {
    const parsed = parseQuantity(text.trim());
    out[name] = parsed.ok ? Quantity.fromMilli(parsed.value.milliValue(), parsed.value.format).toString() : text;
  }
  return out;
}
