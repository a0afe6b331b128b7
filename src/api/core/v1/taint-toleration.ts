import type { Taint } from "./node.js";
import type { Toleration } from "./scheduling.js";

/** The taint parts that matter for matching (a taint as its node carries it). */
export type TaintLike = Pick<Taint, "key" | "effect"> & { value?: string | undefined };

/**
 * Whether `toleration` tolerates `taint` (Kubernetes' ToleratesTaint): an
 * empty effect matches every effect, an empty key (only with Exists) every
 * key; operator Exists ignores the value, Equal (or none) compares it.
 */
export function toleratesTaint(toleration: Toleration, taint: TaintLike): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  switch (toleration.operator ?? "") {
    case "":
    case "Equal":
      return (toleration.value ?? "") === (taint.value ?? "");
    case "Exists":
      return true;
    default:
      return false;
  }
}

/**
 * For each taint, the first toleration that tolerates it (Kubernetes'
 * GetMatchingTolerations); undefined when some taint is not tolerated.
 */
export function matchingTolerations(taints: readonly TaintLike[], tolerations: readonly Toleration[]): Toleration[] | undefined {
  const used: Toleration[] = [];
  for (const taint of taints) {
    const match = tolerations.find((toleration) => toleratesTaint(toleration, taint));
    if (match === undefined) return undefined;
    used.push(match);
  }
  return used;
}

/**
 * How long the tolerations let a pod stay, in seconds: the shortest
 * tolerationSeconds (a negative one counts as 0); undefined when none is
 * timed, which means forever. No tolerations at all: 0.
 */
export function minTolerationSeconds(tolerations: readonly Toleration[]): number | undefined {
  if (tolerations.length === 0) return 0;
  let shortest: number | undefined;
  for (const { tolerationSeconds } of tolerations) {
    if (tolerationSeconds === undefined) continue;
    const seconds = Math.max(tolerationSeconds, 0);
    shortest = shortest === undefined ? seconds : Math.min(shortest, seconds);
  }
  return shortest;
}
