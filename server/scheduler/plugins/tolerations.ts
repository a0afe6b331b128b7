import type { Taint } from "../../../src/api/core/v1/node.js";
import type { Toleration } from "../../../src/api/core/v1/scheduling.js";
import { toleratesTaint } from "../../../src/api/core/v1/taint-toleration.js";

export const toleratedBy = (tolerations: readonly Toleration[], taint: Taint): boolean =>
  tolerations.some((toleration) => toleratesTaint(toleration, taint));
