import type { IntOrString } from "../../schema/primitives.js";
import { validateNonnegativeField } from "../../validation/common.js";
import { invalid, type FieldError } from "../../validation/field-error.js";
import type { FieldPath } from "../../validation/field-path.js";

const percentPattern = /^[0-9]+%$/;
const percentMessage =
  "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

/** A whole number of pods or a percentage of them ("25%"), never negative. */
export function validatePositiveIntOrPercent(value: IntOrString, path: FieldPath): FieldError[] {
  if (typeof value === "number") return validateNonnegativeField(value, path);
  return percentPattern.test(value) ? [] : [invalid(path, value, percentMessage)];
}

/** The number in an int or percentage ("25%" → 25); 0 for text that is neither, as Kubernetes reads it. */
export function intOrPercentValue(value: IntOrString): number {
  if (typeof value === "number") return value;
  if (percentPattern.test(value)) return Number(value.slice(0, -1));
  return /^-?[0-9]+$/.test(value) ? Number(value) : 0;
}

/** A percentage may not exceed 100%. */
export function validateNotMoreThan100Percent(value: IntOrString, path: FieldPath): FieldError[] {
  if (typeof value !== "string" || !percentPattern.test(value) || intOrPercentValue(value) <= 100) return [];
  return [invalid(path, value, "must not be greater than 100%")];
}
