import { invalid, type FieldError } from "./field-error.js";
import type { FieldPath } from "./field-path.js";
import { isPlainObject } from "../schema/shape.js";
import { goLabelSelector } from "./go-syntax.js";

/** `must be greater than or equal to 0` for a negative number; nothing for an absent one. */
export function validateNonnegativeField(value: number | undefined, path: FieldPath): FieldError[] {
  return value !== undefined && value < 0 ? [invalid(path, value, "must be greater than or equal to 0")] : [];
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

/** The paths at which two decoded values differ, e.g. `spec.containers[0].command`, in document order. */
export function changedPaths(a: unknown, b: unknown, path: FieldPath): string[] {
  const found: string[] = [];
  const walk = (left: unknown, right: unknown, at: FieldPath): void => {
    if (semanticEqual(left, right)) return;
    if (Array.isArray(left) && Array.isArray(right) && left.length === right.length) {
      left.forEach((item: unknown, i) => walk(item, right[i], at.index(i)));
      return;
    }
    if (isPlainObject(left) && isPlainObject(right)) {
      for (const key of new Set([...Object.keys(left), ...Object.keys(right)])) walk(left[key], right[key], at.child(key));
      return;
    }
    found.push(at.toString());
  };
  walk(a, b, path);
  return found;
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
