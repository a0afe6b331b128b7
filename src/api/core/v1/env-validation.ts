import { parseQuantity } from "../../quantity.js";
import { invalid, notSupported, required, type FieldError } from "../../validation/field-error.js";
import type { FieldPath } from "../../validation/field-path.js";
import { isDNS1123Subdomain, isEnvVarName } from "../../validation/names.js";
import { nameIsDNSSubdomain } from "../../validation/object-names.js";
import { validateQualifiedName } from "../../validation/string-fields.js";
import { isConfigMapKey } from "./config-map-key.js";
import type { EnvFromSource, EnvVar, KeySelector, ObjectFieldSelector, ResourceFieldSelector } from "./env.js";

/** Pod fields an environment variable may take (fieldRef), besides labels['x'] and annotations['x']. */
export const ENV_FIELD_PATHS = [
  "metadata.name",
  "metadata.namespace",
  "metadata.uid",
  "spec.nodeName",
  "spec.serviceAccountName",
  "status.hostIP",
  "status.hostIPs",
  "status.podIP",
  "status.podIPs",
] as const;

/** Pod fields a downward API volume file may hold. */
export const VOLUME_FIELD_PATHS = [
  "metadata.annotations",
  "metadata.labels",
  "metadata.name",
  "metadata.namespace",
  "metadata.uid",
] as const;

/** Every pod field the downward API knows, for apiVersion v1. */
const DOWNWARD_API_FIELDS = new Set([
  "metadata.annotations",
  "metadata.labels",
  "metadata.name",
  "metadata.namespace",
  "metadata.uid",
  "spec.nodeName",
  "spec.restartPolicy",
  "spec.serviceAccountName",
  "spec.schedulerName",
  "status.phase",
  "status.hostIP",
  "status.hostIPs",
  "status.podIP",
  "status.podIPs",
]);

/** Container resources the downward API exposes, besides hugepages-*. */
const RESOURCE_FIELD_PATHS = [
  "limits.cpu",
  "limits.ephemeral-storage",
  "limits.memory",
  "requests.cpu",
  "requests.ephemeral-storage",
  "requests.memory",
] as const;
const RESOURCE_FIELD_PREFIXES = ["limits.hugepages-", "requests.hugepages-"];

/** `metadata.labels['app']` → path and subscript. */
function splitSubscriptedPath(fieldPath: string): { path: string; subscript: string } | undefined {
  if (!fieldPath.endsWith("']")) return undefined;
  const open = fieldPath.indexOf("['");
  if (open <= 0) return undefined;
  return { path: fieldPath.slice(0, open), subscript: fieldPath.slice(open + 2, -2) };
}

/** A reference to a pod field (fieldRef), allowed to be one of `allowed`. */
export function validateObjectFieldSelector(
  selector: ObjectFieldSelector,
  allowed: readonly string[],
  path: FieldPath,
): FieldError[] {
  if (!selector.apiVersion) return [required(path.child("apiVersion"))];
  if (!selector.fieldPath) return [required(path.child("fieldPath"))];
  if (selector.apiVersion !== "v1") {
    return [
      invalid(path.child("fieldPath"), selector.fieldPath, `error converting fieldPath: unsupported pod version: ${selector.apiVersion}`),
    ];
  }
  const subscripted = splitSubscriptedPath(selector.fieldPath);
  const basePath = subscripted?.path ?? selector.fieldPath;
  if (!DOWNWARD_API_FIELDS.has(basePath)) {
    return [
      invalid(path.child("fieldPath"), selector.fieldPath, `error converting fieldPath: field label not supported: ${selector.fieldPath}`),
    ];
  }
  if (subscripted) {
    if (basePath === "metadata.annotations") return validateQualifiedName(subscripted.subscript.toLowerCase(), path);
    if (basePath === "metadata.labels") return validateQualifiedName(subscripted.subscript, path);
    return [invalid(path, basePath, "does not support subscript")];
  }
  if (!allowed.includes(basePath)) return [notSupported(path.child("fieldPath"), basePath, allowed)];
  return [];
}

const cpuDivisors = new Set(["1m", "1"]);
const memoryDivisors = new Set(["1", "1k", "1M", "1G", "1T", "1P", "1E", "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei"]);

function validateDivisor(resource: string, divisor: string | undefined, path: FieldPath): FieldError[] {
  if (divisor === undefined) return [];
  const parsed = parseQuantity(divisor.trim());
  if (!parsed.ok) return [invalid(path.child("divisor"), divisor, parsed.error.message)];
  if (parsed.value.isZero()) return [];
  const canonical = parsed.value.toString();
  if (resource.endsWith(".cpu") && !cpuDivisors.has(canonical)) {
    return [invalid(path.child("divisor"), divisor, "only divisor's values 1m and 1 are supported with the cpu resource")];
  }
  if ((resource.endsWith(".memory") || resource.endsWith(".ephemeral-storage") || resource.includes(".hugepages-")) &&
    !memoryDivisors.has(canonical)) {
    const kind = resource.endsWith(".memory") ? "memory" : resource.includes(".hugepages-") ? "hugepages" : "local ephemeral storage";
    return [
      invalid(
        path.child("divisor"),
        divisor,
        `only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the ${kind} resource`,
      ),
    ];
  }
  return [];
}

/** A reference to a container's request or limit (resourceFieldRef); volumes must name the container. */
export function validateResourceFieldSelector(selector: ResourceFieldSelector, inVolume: boolean, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  if (inVolume && !selector.containerName) errors.push(required(path.child("containerName")));
  else if (!selector.resource) errors.push(required(path.child("resource")));
  else if (
    !(RESOURCE_FIELD_PATHS as readonly string[]).includes(selector.resource) &&
    !RESOURCE_FIELD_PREFIXES.some((prefix) => selector.resource.startsWith(prefix))
  ) {
    errors.push(notSupported(path.child("resource"), selector.resource, RESOURCE_FIELD_PATHS));
  }
  errors.push(...validateDivisor(selector.resource, selector.divisor, path));
  return errors;
}

/** A key of a named ConfigMap or Secret. */
function validateKeySelector(selector: KeySelector, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const name = selector.name ?? "";
  for (const message of isDNS1123Subdomain(name)) errors.push(invalid(path.child("name"), name, message));
  if (!selector.key) errors.push(required(path.child("key")));
  else for (const message of isConfigMapKey(selector.key)) errors.push(invalid(path.child("key"), selector.key, message));
  return errors;
}

function validateEnvVarValueFrom(variable: EnvVar, path: FieldPath): FieldError[] {
  const source = variable.valueFrom;
  if (!source) return [];
  const errors: FieldError[] = [];
  let sources = 0;
  if (source.fieldRef) {
    sources++;
    errors.push(...validateObjectFieldSelector(source.fieldRef, ENV_FIELD_PATHS, path.child("fieldRef")));
  }
  if (source.resourceFieldRef) {
    sources++;
    errors.push(...validateResourceFieldSelector(source.resourceFieldRef, false, path.child("resourceFieldRef")));
  }
  if (source.configMapKeyRef) {
    sources++;
    errors.push(...validateKeySelector(source.configMapKeyRef, path.child("configMapKeyRef")));
  }
  if (source.secretKeyRef) {
    sources++;
    errors.push(...validateKeySelector(source.secretKeyRef, path.child("secretKeyRef")));
  }
  if (sources === 0) {
    errors.push(invalid(path, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"));
  } else if (variable.value) {
    errors.push(invalid(path, "", "may not be specified when `value` is not empty"));
  } else if (sources > 1) {
    errors.push(invalid(path, "", "may not have more than one field specified at a time"));
  }
  return errors;
}

/** A container's env: named variables, each a value or exactly one source. */
export function validateEnv(env: readonly EnvVar[], path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  env.forEach((variable, i) => {
    const at = path.index(i);
    if (!variable.name) errors.push(required(at.child("name")));
    else for (const message of isEnvVarName(variable.name)) errors.push(invalid(at.child("name"), variable.name, message));
    errors.push(...validateEnvVarValueFrom(variable, at.child("valueFrom")));
  });
  return errors;
}

/** A container's envFrom: each exactly one ConfigMap or Secret, with an optional valid prefix. */
export function validateEnvFrom(sources: readonly EnvFromSource[], path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  sources.forEach((source, i) => {
    const at = path.index(i);
    if (source.prefix) {
      for (const message of isEnvVarName(source.prefix)) errors.push(invalid(at.child("prefix"), source.prefix, message));
    }
    let count = 0;
    for (const [key, ref] of [["configMapRef", source.configMapRef], ["secretRef", source.secretRef]] as const) {
      if (!ref) continue;
      count++;
      const name = ref.name ?? "";
      if (!name) errors.push(required(at.child(key).child("name")));
      else for (const message of nameIsDNSSubdomain(name, true)) errors.push(invalid(at.child(key).child("name"), name, message));
    }
    if (count === 0) errors.push(invalid(path, "", "must specify one of: `configMapRef` or `secretRef`"));
    else if (count > 1) errors.push(invalid(path, "", "may not have more than one field specified at a time"));
  });
  return errors;
}
