import { invalid, type FieldError } from "./field-error.js";
import type { FieldPath } from "./field-path.js";
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidCIDR, isValidIP } from "./names.js";

/*
 * Field-level wrappers of the string validators: one `Invalid value` per
 * broken rule, at the field's path, as Kubernetes' ValidateDNS1123Label and
 * friends report them.
 */

const eachMessage = (messages: string[], value: string, path: FieldPath): FieldError[] =>
  messages.map((message) => invalid(path, value, message));

/** A DNS-1123 label: container, volume and port-less names, hostname. */
export const validateDNS1123Label = (value: string, path: FieldPath): FieldError[] =>
  eachMessage(isDNS1123Label(value), value, path);

/** A DNS-1123 subdomain: references to most objects by name. */
export const validateDNS1123Subdomain = (value: string, path: FieldPath): FieldError[] =>
  eachMessage(isDNS1123Subdomain(value), value, path);

/** A qualified name: label keys, topology keys, condition types. */
export const validateQualifiedName = (value: string, path: FieldPath): FieldError[] =>
  eachMessage(isQualifiedName(value), value, path);

const notAnIP = "must be a valid IP address";

/**
 * An IP in a field that predates strict IP validation (hostAliases, DNS
 * nameservers, Endpoints): any parseable address, leading zeros and
 * non-canonical IPv6 included, as Kubernetes keeps accepting there.
 */
export const validateLegacyIP = (value: string, path: FieldPath): FieldError[] =>
  eachMessage(
    isValidIP(value).filter((message) => message.startsWith(notAnIP)),
    value,
    path,
  );

/** A CIDR in a field that predates strict validation (loadBalancerSourceRanges): any parseable one. */
export const validateLegacyCIDR = (value: string, path: FieldPath): FieldError[] =>
  eachMessage(
    isValidCIDR(value).filter((message) => message.startsWith("must be a valid CIDR")),
    value,
    path,
  );
