import { parseQuantity, type Quantity } from "../../../src/api/quantity.js";
import type { ResourceList } from "../../../src/api/schema/primitives.js";

/** A quantity the API let through but that does not parse (the server validates, so this is rare). */
export class InvalidQuantityError extends Error {
  constructor(resource: string, text: string, reason: string) {
    super(`invalid quantity ${JSON.stringify(text)} for ${resource}: ${reason}`);
    this.name = "InvalidQuantityError";
  }
}

/** `list[name]` parsed, or undefined when absent. */
export function quantityOf(list: ResourceList | undefined, name: string): Quantity | undefined {
  if (list === undefined || !Object.hasOwn(list, name)) return undefined;
  return quantityFrom(name, list[name] ?? "");
}

/** `text` parsed; `what` names it in the error. */
export function quantityFrom(what: string, text: string): Quantity {
  const parsed = parseQuantity(text.trim());
  if (!parsed.ok) throw new InvalidQuantityError(what, text, parsed.error.message);
  return parsed.value;
}

/** ⌈a / b⌉ for b > 0. */
export function ceilDiv(a: bigint, b: bigint): bigint {
  const quotient = a / b;
  return quotient * b < a ? quotient + 1n : quotient;
}
