import type { FieldPath } from "./field-path.js";

/**
 * One problem with one field, as Kubernetes' field.Error: the `type` becomes a
 * Status cause's `reason`, `field` its `field`, and `message()` its `message`.
 */
export type FieldErrorType =
  | "FieldValueRequired"
  | "FieldValueInvalid"
  | "FieldValueNotSupported"
  | "FieldValueDuplicate"
  | "FieldValueForbidden"
  | "FieldValueTooLong"
  | "FieldValueTooMany"
  | "FieldValueTypeInvalid"
  | "FieldValueNotFound"
  | "FieldValueUnknown";

export interface FieldError {
  type: FieldErrorType;
  /** Printed path, e.g. `spec.template.spec.containers[0].image`. */
  field: string;
  /** The offending value, when there is one worth showing. */
  badValue?: unknown;
  /** Extra explanation, e.g. the rule a name broke. */
  detail?: string;
}

/** One list of field errors: validators append, callers check `length`. */
export type FieldErrors = FieldError[];

const typeText: Record<FieldErrorType, string> = {
  FieldValueRequired: "Required value",
  FieldValueInvalid: "Invalid value",
  FieldValueNotSupported: "Unsupported value",
  FieldValueDuplicate: "Duplicate value",
  FieldValueForbidden: "Forbidden",
  FieldValueTooLong: "Too long",
  FieldValueTooMany: "Too many",
  FieldValueTypeInvalid: "Invalid value",
  FieldValueNotFound: "Not found",
  FieldValueUnknown: "Unknown field",
};

/**
 * A bad value that prints as the given text. Kubernetes prints some values in
 * Go syntax, e.g. a label map as `map[string]string{"app":"web"}`; wrapping
 * the value keeps both the value and that wording.
 */
export class PrintedValue {
  constructor(
    readonly value: unknown,
    readonly text: string,
  ) {}
}

function showValue(value: unknown): string {
  if (value instanceof PrintedValue) return value.text;
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  return JSON.stringify(value) ?? String(value);
}

/**
 * The cause message without the field, as Kubernetes words it:
 * `Required value`, `Invalid value: "Web": a lowercase RFC 1123 label must ...`,
 * `Unsupported value: "Sometimes": supported values: "Always", "Never"`.
 */
export function fieldErrorMessage(error: FieldError): string {
  let text = typeText[error.type];
  const showsValue =
    error.badValue !== undefined &&
    (error.type === "FieldValueInvalid" ||
      error.type === "FieldValueNotSupported" ||
      error.type === "FieldValueDuplicate" ||
      error.type === "FieldValueTypeInvalid" ||
      error.type === "FieldValueNotFound");
  if (showsValue) text += `: ${showValue(error.badValue)}`;
  if (error.detail) text += `: ${error.detail}`;
  return text;
}

/** `spec.containers[0].image: Required value` */
export function formatFieldError(error: FieldError): string {
  return `${error.field}: ${fieldErrorMessage(error)}`;
}

const make =
  (type: FieldErrorType) =>
  (field: FieldPath | string, badValue?: unknown, detail?: string): FieldError => {
    const error: FieldError = { type, field: field.toString() };
    if (badValue !== undefined) error.badValue = badValue;
    if (detail !== undefined) error.detail = detail;
    return error;
  };

export const required = (field: FieldPath | string, detail?: string): FieldError =>
  make("FieldValueRequired")(field, undefined, detail);
export const invalid = make("FieldValueInvalid");
export const duplicate = (field: FieldPath | string, badValue: unknown): FieldError =>
  make("FieldValueDuplicate")(field, badValue);
export const forbidden = (field: FieldPath | string, detail: string): FieldError =>
  make("FieldValueForbidden")(field, undefined, detail);
export const tooLong = (field: FieldPath | string, maxLength: number): FieldError =>
  make("FieldValueTooLong")(field, undefined, `must have at most ${maxLength} bytes`);
export const notFound = (field: FieldPath | string, badValue: unknown): FieldError =>
  make("FieldValueNotFound")(field, badValue);
export const typeInvalid = make("FieldValueTypeInvalid");
export const unknownField = (field: FieldPath | string): FieldError => make("FieldValueUnknown")(field);
export function notSupported(field: FieldPath | string, badValue: unknown, supported: readonly string[]): FieldError {
  return make("FieldValueNotSupported")(
    field,
    badValue,
    `supported values: ${supported.map((s) => JSON.stringify(s)).join(", ")}`,
  );
}
