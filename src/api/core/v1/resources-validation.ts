import { parseQuantity, type Quantity } from "../../quantity.js";
import type { ResourceList } from "../../schema/primitives.js";
import { invalid, required, type FieldError } from "../../validation/field-error.js";
import type { FieldPath } from "../../validation/field-path.js";
import { isQualifiedName } from "../../validation/names.js";
import type { ResourceRequirements } from "./container.js";

/** Unprefixed resources a container may ask for; extended resources carry a domain (`nvidia.com/gpu`). */
const CONTAINER_RESOURCES = new Set(["cpu", "memory", "ephemeral-storage"]);
/** Unprefixed resource names Kubernetes knows anywhere (quota names included). */
const STANDARD_RESOURCES = new Set([
  "cpu",
  "memory",
  "ephemeral-storage",
  "requests.cpu",
  "requests.memory",
  "requests.ephemeral-storage",
  "limits.cpu",
  "limits.memory",
  "limits.ephemeral-storage",
  "pods",
  "services",
  "replicationcontrollers",
  "resourcequotas",
  "secrets",
  "persistentvolumeclaims",
  "configmaps",
  "storage",
  "requests.storage",
  "services.nodeports",
  "services.loadbalancers",
]);

const isHugePages = (name: string): boolean => name.startsWith("hugepages-");
/** Native resources have no domain or a kubernetes.io one; the rest are extended resources. */
const isNative = (name: string): boolean => !name.includes("/") || name.includes("kubernetes.io/");
/** Only native, non-hugepage resources may be requested below their limit. */
const overcommitAllowed = (name: string): boolean => isNative(name) && !isHugePages(name);

function validateResourceName(name: string, path: FieldPath): FieldError[] {
  const messages = isQualifiedName(name);
  if (messages.length > 0) return messages.map((message) => invalid(path, name, message));
  if (!name.includes("/") && !STANDARD_RESOURCES.has(name) && !isHugePages(name)) {
    return [invalid(path, name, "must be a standard resource type or fully qualified")];
  }
  return [];
}

/** A resource a container may request: cpu, memory, ephemeral-storage, hugepages-*, or an extended resource. */
function validateContainerResourceName(name: string, path: FieldPath): FieldError[] {
  const errors = validateResourceName(name, path);
  if (errors.length > 0) return errors;
  if (!name.includes("/")) {
    if (!CONTAINER_RESOURCES.has(name) && !isHugePages(name)) return [invalid(path, name, "must be a standard resource for containers")];
  } else if (!isNative(name) && isQualifiedName(`requests.${name}`).length > 0) {
    return [invalid(path, name, "doesn't follow extended resource name standard")];
  }
  return [];
}

/** Parses one quantity of a list; reports it when it is none, negative, or fractional where only integers go. */
function checkQuantity(name: string, text: string, path: FieldPath, errors: FieldError[]): Quantity | undefined {
  const parsed = parseQuantity(text.trim());
  if (!parsed.ok) {
    errors.push(invalid(path, text, parsed.error.message));
    return undefined;
  }
  if (parsed.value.sign() < 0) errors.push(invalid(path, parsed.value.toString(), "must be greater than or equal to 0"));
  if (!isNative(name) && parsed.value.milliValue() % 1000n !== 0n) errors.push(invalid(path, parsed.value.toString(), "must be an integer"));
  return parsed.value;
}

/**
 * A container's resources: known names, valid non-negative quantities, and
 * requests no larger than limits (equal to them for extended resources).
 * As in Kubernetes, a request above its limit is reported on `requests`.
 */
export function validateResourceRequirements(resources: ResourceRequirements, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const limitsPath = path.child("limits");
  const requestsPath = path.child("requests");
  const limits = new Map<string, Quantity>();
  for (const [name, text] of Object.entries(resources.limits ?? {})) {
    const at = limitsPath.key(name);
    errors.push(...validateContainerResourceName(name, at));
    const quantity = checkQuantity(name, text, at, errors);
    if (quantity) limits.set(name, quantity);
  }
  for (const [name, text] of Object.entries(resources.requests ?? {})) {
    const at = requestsPath.key(name);
    errors.push(...validateContainerResourceName(name, at));
    const request = checkQuantity(name, text, at, errors);
    const limit = limits.get(name);
    if (request && limit) {
      const shown = request.toString();
      if (!overcommitAllowed(name) && request.cmp(limit) !== 0) {
        errors.push(invalid(requestsPath, shown, `must be equal to ${name} limit of ${limit.toString()}`));
      } else if (request.cmp(limit) > 0) {
        errors.push(invalid(requestsPath, shown, `must be less than or equal to ${name} limit of ${limit.toString()}`));
      }
    } else if (!Object.hasOwn(resources.limits ?? {}, name) && !overcommitAllowed(name)) {
      errors.push(required(limitsPath, "Limit must be set for non overcommitable resources"));
    }
  }
  return errors;
}

/** A pod's overhead: resource names and non-negative quantities. */
export function validateResourceList(list: ResourceList, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  for (const [name, text] of Object.entries(list)) {
    const at = path.key(name);
    errors.push(...validateResourceName(name, at));
    checkQuantity(name, text, at, errors);
  }
  return errors;
}
