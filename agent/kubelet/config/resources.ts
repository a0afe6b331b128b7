import type { Container } from "../../../src/api/core/v1/container.js";
import type { LinuxResources } from "../../runtime/container-runtime.js";
import { quantityOf } from "./quantities.js";

/** The CFS period the kubelet uses, in microseconds. */
export const CPU_PERIOD_US = 100_000;
const MIN_QUOTA_US = 1000;
const MIN_SHARES = 2;
const MAX_SHARES = 262_144;
const SHARES_PER_CPU = 1024n;

/**
 * A container's cgroup limits as the kubelet computes them: limits.memory
 * in bytes; limits.cpu as a CFS quota over a 100 ms period (at least 1 ms);
 * requests.cpu as shares, 1024 per CPU, between 2 and 262144. A container
 * with a cpu limit and no cpu request gets shares from the limit (the
 * request Kubernetes defaults to); one with neither gets the minimum, 2.
 *
 * @example
 * linuxResources({ name: "a", resources: { limits: { cpu: "500m", memory: "64Mi" } } });
 * // { memoryLimitBytes: 67108864, cpuQuota: 50000, cpuPeriod: 100000, cpuShares: 512 }
 */
export function linuxResources(container: Container): LinuxResources {
  const limits = container.resources?.limits;
  const requests = container.resources?.requests;
  const resources: LinuxResources = {};
  const memory = quantityOf(limits, "memory")?.value() ?? 0n;
  if (memory > 0n) resources.memoryLimitBytes = Number(memory);
  const cpuLimitMilli = quantityOf(limits, "cpu")?.milliValue() ?? 0n;
  if (cpuLimitMilli > 0n) {
    resources.cpuQuota = Math.max(Number((cpuLimitMilli * BigInt(CPU_PERIOD_US)) / 1000n), MIN_QUOTA_US);
    resources.cpuPeriod = CPU_PERIOD_US;
  }
  const cpuRequestMilli = quantityOf(requests, "cpu")?.milliValue() ?? cpuLimitMilli;
  resources.cpuShares = milliCpuToShares(cpuRequestMilli);
  return resources;
}

/** millicores × 1024 / 1000, clamped to [2, 262144]. */
export function milliCpuToShares(milli: bigint): number {
  const shares = Number((milli * SHARES_PER_CPU) / 1000n);
  return Math.min(Math.max(shares, MIN_SHARES), MAX_SHARES);
}
