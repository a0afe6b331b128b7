import { DNS1123_SUBDOMAIN_MAX_LENGTH } from "../../validation/names.js";

const configMapKeyPattern = /^[-._a-zA-Z0-9]+$/;
const configMapKeyMessage =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

/**
 * A key of ConfigMap or Secret data, which becomes a file name in a volume:
 * alphanumerics, '-', '_', '.', at most 253 characters, and not '.', '..' or
 * anything starting with '..'. Returns the messages of the rules broken.
 */
export function isConfigMapKey(value: string): string[] {
  const errors: string[] = [];
  if (Buffer.byteLength(value, "utf8") > DNS1123_SUBDOMAIN_MAX_LENGTH) {
    errors.push(`must be no more than ${DNS1123_SUBDOMAIN_MAX_LENGTH} characters`);
  }
  if (!configMapKeyPattern.test(value)) errors.push(configMapKeyMessage);
  if (value === ".") errors.push("must not be '.'");
  else if (value === "..") errors.push("must not be '..'");
  else if (value.startsWith("..")) errors.push("must not start with '..'");
  return errors;
}
