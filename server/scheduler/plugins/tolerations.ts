import type { Taint } from "../../../src/api/core/v1/node.js";
import type { Toleration } from "../../../src/api/core/v1/scheduling.js";

/** Kubernetes' Toleration.ToleratesTaint: same effect (or any), and the key and value matched by the operator. */
export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  const operator = toleration.operator || "Equal";
  if (toleration.key && toleration.key !== taint.key) return false;
  if (!toleration.key && operator !== "Exists") return false;
  if (operator === "Exists") return true;
  return operator === "Equal" && (toleration.value ?? "") === (taint.value ?? "");
}

export const toleratedBy = (tolerations: readonly Toleration[], taint: Taint): boolean =>
  tolerations.some((toleration) => toleratesTaint(toleration, taint));
