import type { Container } from "../../../src/api/core/v1/container.js";
import type { ResourceFieldSelector } from "../../../src/api/core/v1/env.js";
import type { Pod } from "../../../src/api/core/v1/pod.js";
import { mustParseQuantity, parseQuantity, type Quantity } from "../../../src/api/quantity.js";
import type { ResourceList } from "../../../src/api/schema/primitives.js";
import { ceilDiv, quantityOf } from "./quantities.js";

/** A resource the downward API cannot give; the message is the kubelet's. */
export class ResourceFieldError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ResourceFieldError";
  }
}

const ONE = mustParseQuantity("1");
/** Limits a container does not set read as the node's allocatable, as the kubelet does. */
const LIMITS_DEFAULTED_FROM_NODE = ["cpu", "memory", "ephemeral-storage"];

/**
 * The value of a `resourceFieldRef` (env var or downward API file): the
 * container's request or limit divided by `divisor` (default 1), rounded
 * up; cpu counts in millicores, the rest in whole units. The container is
 * `selector.containerName` when given (an env var may omit it: then its own).
 *
 * @example
 * // limits.memory 64Mi, divisor 1Mi → "64"; limits.cpu 250m, divisor 1 → "1"
 */
export function resourceFieldValue(
  pod: Pod,
  own: Container | undefined,
  selector: ResourceFieldSelector,
  allocatable: ResourceList | undefined,
): string {
  const container = selector.containerName ? findContainer(pod, selector.containerName) : own;
  if (container === undefined) throw new ResourceFieldError(`container ${selector.containerName ?? ""} not found`);
  const divisor = parseDivisor(selector.divisor);
  const [kind, name = ""] = splitResource(selector.resource);
  const limits = container.resources?.limits;
  const requests = container.resources?.requests;
  const amount = (): Quantity | undefined => {
    if (kind === "requests") return quantityOf(requests, name);
    const own = quantityOf(limits, name);
    if ((own === undefined || own.isZero()) && LIMITS_DEFAULTED_FROM_NODE.includes(name)) {
      return quantityOf(allocatable, name) ?? own;
    }
    return own;
  };
  if (kind !== "limits" && kind !== "requests") throw unsupported(selector.resource);
  if (name === "cpu") {
    return ceilDiv(amount()?.milliValue() ?? 0n, positive(divisor.milliValue())).toString();
  }
  if (name === "memory" || name === "ephemeral-storage" || name.startsWith("hugepages-")) {
    return ceilDiv(amount()?.value() ?? 0n, positive(divisor.value())).toString();
  }
  throw unsupported(selector.resource);
}

function unsupported(resource: string): ResourceFieldError {
  return new ResourceFieldError(`unsupported container resource : ${resource}`);
}

function splitResource(resource: string): [string, string?] {
  const dot = resource.indexOf(".");
  return dot === -1 ? [resource] : [resource.slice(0, dot), resource.slice(dot + 1)];
}

function findContainer(pod: Pod, name: string): Container | undefined {
  return pod.spec.containers.find((c) => c.name === name) ?? pod.spec.initContainers?.find((c) => c.name === name);
}

/** A zero or absent divisor means 1, as in Kubernetes. */
function parseDivisor(text: string | undefined): Quantity {
  if (text === undefined) return ONE;
  const parsed = parseQuantity(text.trim());
  if (!parsed.ok) throw new ResourceFieldError(`invalid divisor ${JSON.stringify(text)}: ${parsed.error.message}`);
  return parsed.value.isZero() ? ONE : parsed.value;
}

/** A divisor that rounds to zero units (e.g. "1m" for memory) divides as 1, never by zero. */
function positive(n: bigint): bigint {
  return n > 0n ? n : 1n;
}
