import type { Container } from "../../../src/api/core/v1/container.js";
import type { Probe } from "../../../src/api/core/v1/probe.js";

export type ProbeKind = "startup" | "liveness" | "readiness";

/** How the kubelet names a kind in its messages (`Liveness probe failed: ...`). */
export const PROBE_KIND_TITLE: Record<ProbeKind, string> = {
  startup: "Startup",
  liveness: "Liveness",
  readiness: "Readiness",
};

/** A probe's timing, in milliseconds, with Kubernetes' defaults filled in. */
export interface ProbeSettings {
  initialDelayMs: number;
  periodMs: number;
  timeoutMs: number;
  successThreshold: number;
  failureThreshold: number;
}

/**
 * Kubernetes' defaults (period 10 s, timeout 1 s, thresholds 1 and 3) for
 * fields that are absent or zero; the apiserver fills them in too, this is
 * for pods that did not pass through it (static or test pods).
 */
export function probeSettings(probe: Probe): ProbeSettings {
  return {
    initialDelayMs: Math.max(probe.initialDelaySeconds ?? 0, 0) * 1000,
    periodMs: (positive(probe.periodSeconds) ?? 10) * 1000,
    timeoutMs: (positive(probe.timeoutSeconds) ?? 1) * 1000,
    successThreshold: positive(probe.successThreshold) ?? 1,
    failureThreshold: positive(probe.failureThreshold) ?? 3,
  };
}

function positive(value: number | undefined): number | undefined {
  return value !== undefined && value > 0 ? value : undefined;
}

/** The container's probe of one kind, if it has one. */
export function probeOf(container: Container, kind: ProbeKind): Probe | undefined {
  switch (kind) {
    case "startup":
      return container.startupProbe;
    case "liveness":
      return container.livenessProbe;
    case "readiness":
      return container.readinessProbe;
  }
}
