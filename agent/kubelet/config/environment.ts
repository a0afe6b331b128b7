import type { Container } from "../../../src/api/core/v1/container.js";
import type { EnvFromSource, EnvVar } from "../../../src/api/core/v1/env.js";
import type { Pod } from "../../../src/api/core/v1/pod.js";
import type { ResourceList } from "../../../src/api/schema/primitives.js";
import { isEnvVarName } from "../../../src/api/validation/names.js";
import { ContainerConfigError, type ObjectSource } from "../pod-dependencies.js";
import { expand } from "./expansion.js";
import { configMapNotFound, ownValue, secretBytes, secretNotFound } from "./object-refs.js";
import { podFieldValue, type PodAddresses } from "./pod-fields.js";
import { resourceFieldValue } from "./resource-field.js";

export interface EnvironmentInput {
  pod: Pod;
  container: Container;
  objects: ObjectSource;
  addresses: PodAddresses;
  /** The node's allocatable, for resourceFieldRef of limits the container does not set. */
  allocatable?: ResourceList;
  /** Service-link variables (`serviceEnvironment`): referable in values, added after the rest. */
  serviceEnv?: ReadonlyMap<string, string>;
}

export interface Environment {
  env: Array<{ name: string; value: string }>;
  /** Kubelet-worded warnings (event reason InvalidEnvironmentVariableNames) for envFrom keys left out. */
  skipped: string[];
}

/**
 * A container's environment as the kubelet makes it: every envFrom source
 * in order (keys with the prefix; names that are not valid env var names
 * left out), then `env` in order, each literal value `$(VAR)`-expanded
 * against what is defined so far. A later definition of a name replaces
 * an earlier one and takes its place in the order. Service-link variables
 * come last, those the container does not define itself. Missing
 * ConfigMaps, Secrets or keys that are not optional throw
 * `ContainerConfigError`.
 */
export function containerEnvironment(input: EnvironmentInput): Environment {
  const values = new Map<string, string>();
  const define = (name: string, value: string): void => {
    values.delete(name);
    values.set(name, value);
  };
  const skipped: string[] = [];
  for (const source of input.container.envFrom ?? []) {
    const entries = envFromEntries(input, source);
    if (entries === undefined) continue;
    const invalid: string[] = [];
    for (const [key, value] of entries.pairs) {
      const name = (source.prefix ?? "") + key;
      if (isEnvVarName(name).length > 0) invalid.push(name);
      else define(name, value);
    }
    if (invalid.length > 0) {
      skipped.push(
        `Keys [${invalid.sort().join(", ")}] from the EnvFrom ${entries.kind} ${input.pod.metadata.namespace ?? ""}/${entries.name} ` +
          "were skipped since they are considered invalid environment variable names.",
      );
    }
  }
  const services = input.serviceEnv ?? new Map<string, string>();
  const lookup = (name: string): string | undefined => values.get(name) ?? services.get(name);
  for (const variable of input.container.env ?? []) {
    const value = variable.value ? expand(variable.value, lookup) : resolveSource(input, variable);
    if (value !== undefined) define(variable.name, value);
  }
  for (const [name, value] of services) if (!values.has(name)) values.set(name, value);
  return { env: [...values].map(([name, value]) => ({ name, value })), skipped };
}

interface EnvFromEntries {
  kind: "configMap" | "secret";
  name: string;
  /** Sorted by key, so the order is the same on every sync. */
  pairs: Array<[string, string]>;
}

/** Undefined when the source is optional and missing. */
function envFromEntries(input: EnvironmentInput, source: EnvFromSource): EnvFromEntries | undefined {
  const namespace = input.pod.metadata.namespace ?? "";
  if (source.configMapRef) {
    const name = source.configMapRef.name ?? "";
    const configMap = input.objects.configMap(namespace, name);
    if (!configMap) return optionalOrThrow(source.configMapRef.optional, configMapNotFound(name));
    const pairs = Object.entries(configMap.data ?? {}).sort(byKey);
    return { kind: "configMap", name, pairs };
  }
  if (source.secretRef) {
    const name = source.secretRef.name ?? "";
    const secret = input.objects.secret(namespace, name);
    if (!secret) return optionalOrThrow(source.secretRef.optional, secretNotFound(name));
    const pairs = Object.keys(secret.data ?? {})
      .sort()
      .map((key): [string, string] => [key, secretBytes(secret, key)?.toString("utf8") ?? ""]);
    return { kind: "secret", name, pairs };
  }
  return undefined;
}

const byKey = (a: [string, string], b: [string, string]): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** The value of a `valueFrom`; undefined when an optional reference is missing (the variable is left out). */
function resolveSource(input: EnvironmentInput, variable: EnvVar): string | undefined {
  const from = variable.valueFrom;
  if (!from) return "";
  const namespace = input.pod.metadata.namespace ?? "";
  try {
    if (from.fieldRef) return podFieldValue(input.pod, from.fieldRef, input.addresses);
    if (from.resourceFieldRef) return resourceFieldValue(input.pod, input.container, from.resourceFieldRef, input.allocatable);
  } catch (error) {
    throw new ContainerConfigError(error instanceof Error ? error.message : String(error));
  }
  if (from.configMapKeyRef) {
    const { name = "", key, optional } = from.configMapKeyRef;
    const configMap = input.objects.configMap(namespace, name);
    if (!configMap) return optionalOrThrow(optional, configMapNotFound(name));
    const value = ownValue(configMap.data, key);
    return value ?? optionalOrThrow(optional, `couldn't find key ${key} in ConfigMap ${namespace}/${name}`);
  }
  if (from.secretKeyRef) {
    const { name = "", key, optional } = from.secretKeyRef;
    const secret = input.objects.secret(namespace, name);
    if (!secret) return optionalOrThrow(optional, secretNotFound(name));
    const value = secretBytes(secret, key)?.toString("utf8");
    return value ?? optionalOrThrow(optional, `couldn't find key ${key} in Secret ${namespace}/${name}`);
  }
  return "";
}

function optionalOrThrow(optional: boolean | undefined, message: string): undefined {
  if (optional === true) return undefined;
  throw new ContainerConfigError(message);
}
