import { z } from "zod";
import { int32, int64 } from "../../schema/primitives.js";
import { labelSelectorSchema } from "../../meta/v1/label-selector.js";

/** `key In (a, b)` against a node's labels (or, in matchFields, its fields). */
export const nodeSelectorRequirementSchema = z.object({
  key: z.string().default(""),
  operator: z.string().default(""),
  values: z.array(z.string()).optional(),
});
export type NodeSelectorRequirement = z.infer<typeof nodeSelectorRequirementSchema>;

export const nodeSelectorTermSchema = z.object({
  matchExpressions: z.array(nodeSelectorRequirementSchema).optional(),
  matchFields: z.array(nodeSelectorRequirementSchema).optional(),
});
export type NodeSelectorTerm = z.infer<typeof nodeSelectorTermSchema>;

/** Terms ORed: a node matches when it matches any term. */
export const nodeSelectorSchema = z.object({
  nodeSelectorTerms: z.array(nodeSelectorTermSchema).default(() => []),
});
export type NodeSelector = z.infer<typeof nodeSelectorSchema>;

export const preferredSchedulingTermSchema = z.object({
  weight: int32.default(0),
  preference: nodeSelectorTermSchema.prefault({}),
});
export type PreferredSchedulingTerm = z.infer<typeof preferredSchedulingTermSchema>;

export const nodeAffinitySchema = z.object({
  requiredDuringSchedulingIgnoredDuringExecution: nodeSelectorSchema.optional(),
  preferredDuringSchedulingIgnoredDuringExecution: z.array(preferredSchedulingTermSchema).optional(),
});
export type NodeAffinity = z.infer<typeof nodeAffinitySchema>;

/** Pods matching labelSelector (in namespaces) on nodes sharing topologyKey's value. */
export const podAffinityTermSchema = z.object({
  labelSelector: labelSelectorSchema.optional(),
  namespaces: z.array(z.string()).optional(),
  topologyKey: z.string().default(""),
  namespaceSelector: labelSelectorSchema.optional(),
  matchLabelKeys: z.array(z.string()).optional(),
  mismatchLabelKeys: z.array(z.string()).optional(),
});
export type PodAffinityTerm = z.infer<typeof podAffinityTermSchema>;

export const weightedPodAffinityTermSchema = z.object({
  weight: int32.default(0),
  podAffinityTerm: podAffinityTermSchema.prefault({}),
});
export type WeightedPodAffinityTerm = z.infer<typeof weightedPodAffinityTermSchema>;

export const podAffinitySchema = z.object({
  requiredDuringSchedulingIgnoredDuringExecution: z.array(podAffinityTermSchema).optional(),
  preferredDuringSchedulingIgnoredDuringExecution: z.array(weightedPodAffinityTermSchema).optional(),
});
export type PodAffinity = z.infer<typeof podAffinitySchema>;

export const affinitySchema = z.object({
  nodeAffinity: nodeAffinitySchema.optional(),
  podAffinity: podAffinitySchema.optional(),
  podAntiAffinity: podAffinitySchema.optional(),
});
export type Affinity = z.infer<typeof affinitySchema>;

/** Lets a pod onto nodes with a matching taint. */
export const tolerationSchema = z.object({
  key: z.string().optional(),
  operator: z.string().optional(),
  value: z.string().optional(),
  effect: z.string().optional(),
  tolerationSeconds: int64.optional(),
});
export type Toleration = z.infer<typeof tolerationSchema>;

/** Spread matching pods evenly across the values of topologyKey. */
export const topologySpreadConstraintSchema = z.object({
  maxSkew: int32.default(0),
  topologyKey: z.string().default(""),
  whenUnsatisfiable: z.string().default(""),
  labelSelector: labelSelectorSchema.optional(),
  minDomains: int32.optional(),
  nodeAffinityPolicy: z.string().optional(),
  nodeTaintsPolicy: z.string().optional(),
  matchLabelKeys: z.array(z.string()).optional(),
});
export type TopologySpreadConstraint = z.infer<typeof topologySpreadConstraintSchema>;
