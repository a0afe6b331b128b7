import { invalid, type FieldError } from "./field-error.js";
import type { FieldPath } from "./field-path.js";
import { isPlainObject } from "../schema/shape.js";
import { goLabelSelector } from "./go-syntax.js";

/** `must be greater than or equal to 0` for a negative number; nothing for an absent one. */
export function validateNonnegativeField(value: number | undefined, path: FieldPath): FieldError[] {
  return value !== undefined && value < 0 ? [invalid(path, value, "must be greater than or equal to 0")] : [];
}

/** `must be greater than zero` for a number that is not, when present. */
export function validatePositiveField(value: number | undefined, path: FieldPath): FieldError[] {
  return value !== undefined && value <= 0 ? [invalid(path, value, "must be greater than zero")] : [];
}

/** Absent, "", [] and {}: the values Go's semantic equality treats as one. */
function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  return isPlainObject(value) && Object.keys(value).length === 0;
}

/**
 * Deep equality of two decoded objects as Kubernetes' semantic equality sees
 * them: an absent field equals an empty one ("" / [] / {}).
 */
export function semanticEqual(a: unknown, b: unknown): boolean {
  if (isEmpty(a) && isEmpty(b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item: unknown, i) => semanticEqual(item, b[i]));
  }
  if (isPlainObject(a) || isPlainObject(b)) {
    if (!isPlainObject(a) || !isPlainObject(b)) return false;
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) if (!semanticEqual(a[key], b[key])) return false;
    return true;
  }
  return a === b;
}

/** `field is immutable` when an update changed a field that may not change. */
export function validateImmutableField(newValue: unknown, oldValue: unknown, path: FieldPath): FieldError[] {
  return semanticEqual(newValue, oldValue) ? [] : [invalid(path, newValue, "field is immutable")];
}

/**
 * `field is immutable` for a changed label selector, shown as Kubernetes
 * shows it: `spec.selector: Invalid value: v1.LabelSelector{...}: field is immutable`.
 */
export function validateImmutableSelector(
  newSelector: Parameters<typeof goLabelSelector>[0],
  oldSelector: Parameters<typeof goLabelSelector>[0],
  path: FieldPath,
): FieldError[] {
  return semanticEqual(newSelector, oldSelector) ? [] : [invalid(path, goLabelSelector(newSelector), "field is immutable")];
}
