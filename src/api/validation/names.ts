import { invalid, tooLong, type FieldError } from "./field-error.js";
import type { FieldPath } from "./field-path.js";

export { isValidCIDR, isValidIP } from "./ip.js";

/*
 * The string validators of Kubernetes' apimachinery (util/validation), with
 * its rules and its wording, so a client sees the messages it knows. Each
 * returns a list of messages; an empty list means valid. Lengths are counted
 * in UTF-8 bytes, as Go's len() does.
 */

const byteLength = (value: string): number => Buffer.byteLength(value, "utf8");

const emptyError = (): string => "must be non-empty";
const maxLenError = (length: number): string => `must be no more than ${length} characters`;
const inclusiveRangeError = (lo: number, hi: number): string => `must be between ${lo} and ${hi}, inclusive`;

/** `msg (e.g. 'a',  or 'b', regex used for validation is 're')`, spacing as Kubernetes prints it. */
function regexError(message: string, format: string, ...examples: string[]): string {
  if (examples.length === 0) return `${message} (regex used for validation is '${format}')`;
  const shown = examples.map((example) => `'${example}', `).join(" or ");
  return `${message} (e.g. ${shown}regex used for validation is '${format}')`;
}

const fullMatch = (format: string): RegExp => new RegExp(`^(?:${format})$`);

const dns1123LabelFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const dns1123LabelMessage =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
export const DNS1123_LABEL_MAX_LENGTH = 63;
const dns1123LabelPattern = fullMatch(dns1123LabelFormat);

const dns1123SubdomainFormat = `${dns1123LabelFormat}(\\.${dns1123LabelFormat})*`;
const dns1123SubdomainMessage =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
const dns1123SubdomainPattern = fullMatch(dns1123SubdomainFormat);

const dns1035LabelFormat = "[a-z]([-a-z0-9]*[a-z0-9])?";
const dns1035LabelMessage =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
export const DNS1035_LABEL_MAX_LENGTH = 63;
const dns1035LabelPattern = fullMatch(dns1035LabelFormat);

const qualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const qualifiedNameMessage =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
export const QUALIFIED_NAME_MAX_LENGTH = 63;
const qualifiedNamePattern = fullMatch(qualifiedNameFormat);

const labelValueFormat = `(${qualifiedNameFormat})?`;
const labelValueMessage =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
export const LABEL_VALUE_MAX_LENGTH = 63;
const labelValuePattern = fullMatch(labelValueFormat);

const cIdentifierFormat = "[A-Za-z_][A-Za-z0-9_]*";
const cIdentifierMessage =
  "a valid C identifier must start with alphabetic character or '_', followed by a string of alphanumeric characters or '_'";
const cIdentifierPattern = fullMatch(cIdentifierFormat);

/** Kubernetes' limit on the summed size of all annotation keys and values of one object. */
export const TOTAL_ANNOTATION_SIZE_LIMIT_BYTES = 256 * 1024;

/** A DNS label (RFC 1123): `my-name`, `123-abc`; at most 63 characters. Namespace and most object names. */
export function isDNS1123Label(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > DNS1123_LABEL_MAX_LENGTH) errors.push(maxLenError(DNS1123_LABEL_MAX_LENGTH));
  if (!dns1123LabelPattern.test(value)) {
    // A valid subdomain that is no valid label (length already checked) can only have dots.
    if (dns1123SubdomainPattern.test(value)) errors.push("must not contain dots");
    else errors.push(regexError(dns1123LabelMessage, dns1123LabelFormat, "my-name", "123-abc"));
  }
  return errors;
}

/** A DNS subdomain (RFC 1123): `example.com`; at most 253 characters. Most object names. */
export function isDNS1123Subdomain(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) errors.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!dns1123SubdomainPattern.test(value)) {
    errors.push(regexError(dns1123SubdomainMessage, dns1123SubdomainFormat, "example.com"));
  }
  return errors;
}

/** A DNS-1035 label: starts with a letter (`my-name`, `abc-123`). Service names. */
export function isDNS1035Label(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > DNS1035_LABEL_MAX_LENGTH) errors.push(maxLenError(DNS1035_LABEL_MAX_LENGTH));
  if (!dns1035LabelPattern.test(value)) {
    errors.push(regexError(dns1035LabelMessage, dns1035LabelFormat, "my-name", "abc-123"));
  }
  return errors;
}

/**
 * A qualified name: label and annotation keys. An optional DNS subdomain
 * prefix and "/", then a name of at most 63 characters:
 * `app`, `app.kubernetes.io/name`.
 */
export function isQualifiedName(value: string): string[] {
  const errors: string[] = [];
  const parts = value.split("/");
  let name: string;
  if (parts.length === 1) {
    name = parts[0] ?? "";
  } else if (parts.length === 2) {
    const prefix = parts[0] ?? "";
    name = parts[1] ?? "";
    if (prefix.length === 0) errors.push(`prefix part ${emptyError()}`);
    else errors.push(...isDNS1123Subdomain(prefix).map((message) => `prefix part ${message}`));
  } else {
    return [
      `a qualified name ${regexError(qualifiedNameMessage, qualifiedNameFormat, "MyName", "my.name", "123-abc")}` +
        " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (name.length === 0) errors.push(`name part ${emptyError()}`);
  else if (byteLength(name) > QUALIFIED_NAME_MAX_LENGTH) errors.push(`name part ${maxLenError(QUALIFIED_NAME_MAX_LENGTH)}`);
  if (!qualifiedNamePattern.test(name)) {
    errors.push(`name part ${regexError(qualifiedNameMessage, qualifiedNameFormat, "MyName", "my.name", "123-abc")}`);
  }
  return errors;
}

/** A label value: empty, or at most 63 alphanumerics, '-', '_', '.' starting and ending alphanumeric. */
export function isValidLabelValue(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > LABEL_VALUE_MAX_LENGTH) errors.push(maxLenError(LABEL_VALUE_MAX_LENGTH));
  if (!labelValuePattern.test(value)) {
    errors.push(regexError(labelValueMessage, labelValueFormat, "MyValue", "my_value", "12345"));
  }
  return errors;
}

/** A port number: an integer from 1 to 65535. */
export function isValidPortNum(port: number): string[] {
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? [] : [inclusiveRangeError(1, 65535)];
}

/**
 * A port name (IANA_SVC_NAME, RFC 6335): at most 15 of a-z, 0-9 and '-',
 * at least one letter, no "--", no '-' at either end. `http`, `metrics-2`.
 */
export function isValidPortName(port: string): string[] {
  const errors: string[] = [];
  if (byteLength(port) > 15) errors.push(maxLenError(15));
  if (!/^[-a-z0-9]+$/.test(port)) errors.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
  if (!/[a-z]/.test(port)) errors.push("must contain at least one letter (a-z)");
  if (port.includes("--")) errors.push("must not contain consecutive hyphens");
  if (port.startsWith("-") || port.endsWith("-")) errors.push("must not begin or end with a hyphen");
  return errors;
}

/** A C identifier: `my_name`, `MY_NAME`, `MyName`. */
export function isCIdentifier(value: string): string[] {
  return cIdentifierPattern.test(value) ? [] : [regexError(cIdentifierMessage, cIdentifierFormat, "my_name", "MY_NAME", "MyName")];
}

/**
 * An environment variable name as Kubernetes accepts it today
 * (RelaxedEnvironmentVariableValidation, on by default since 1.32):
 * non-empty, printable ASCII (space included) except '='.
 */
export function isEnvVarName(value: string): string[] {
  const errors: string[] = [];
  if (value.length === 0) errors.push(`environment variable name ${emptyError()}`);
  if (!/^[\x20-\x3c\x3e-\x7e]*$/.test(value)) {
    errors.push("a valid environment variable name must consist only of printable ASCII characters other than '='");
  }
  return errors;
}

/**
 * Validates a labels map as Kubernetes does: every key a qualified name,
 * every value a label value. Errors name the map's path itself
 * (`metadata.labels: Invalid value: "-x": ...`), as Kubernetes reports them.
 */
export function validateLabels(labels: Readonly<Record<string, string>>, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(labels)) {
    for (const message of isQualifiedName(key)) errors.push(invalid(path, key, message));
    for (const message of isValidLabelValue(value)) errors.push(invalid(path, value, message));
  }
  return errors;
}

/**
 * Validates an annotations map as Kubernetes does: keys are qualified names
 * (case does not matter), and all keys and values together are at most
 * 256 KiB.
 */
export function validateAnnotations(annotations: Readonly<Record<string, string>>, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  let totalSize = 0;
  for (const [key, value] of Object.entries(annotations)) {
    for (const message of isQualifiedName(key.toLowerCase())) errors.push(invalid(path, key, message));
    totalSize += byteLength(key) + byteLength(value);
  }
  if (totalSize > TOTAL_ANNOTATION_SIZE_LIMIT_BYTES) errors.push(tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT_BYTES));
  return errors;
}
