import { z } from "zod";
import { labelSelectorSchema } from "../../api/meta/v1/label-selector.js";
import { RolloutError } from "./rollout-error.js";

/**
 * What the rollout commands read of Deployments and ReplicaSets, checked at
 * the edge. Pod templates are kept exactly as the server sent them: undo puts
 * a ReplicaSet's template back into its Deployment, and nothing may be lost
 * on the way.
 */

/** The revision a Deployment or ReplicaSet is at (set by the deployment controller). */
export const revisionAnnotation = "deployment.kubernetes.io/revision";
/** Why a revision was made (`kubectl annotate ... kubernetes.io/change-cause=...`). */
export const changeCauseAnnotation = "kubernetes.io/change-cause";
/** The label that tells a Deployment's ReplicaSets (and their pods) apart. */
export const podTemplateHashLabel = "pod-template-hash";

const stringMap = z.record(z.string(), z.string());

/** A pod template as sent, any field included. */
const rawTemplateSchema = z.record(z.string(), z.unknown());
export type RawPodTemplate = z.infer<typeof rawTemplateSchema>;

const conditionSchema = z.looseObject({ type: z.string(), reason: z.string().optional() });

const deploymentSchema = z.looseObject({
  metadata: z.looseObject({
    name: z.string(),
    namespace: z.string().optional(),
    uid: z.string().default(""),
    generation: z.number().int().default(0),
    annotations: stringMap.optional(),
  }),
  spec: z.looseObject({
    replicas: z.number().int().optional(),
    selector: labelSelectorSchema.optional(),
    template: rawTemplateSchema.default({}),
    paused: z.boolean().optional(),
  }),
  status: z
    .looseObject({
      observedGeneration: z.number().int().default(0),
      replicas: z.number().int().default(0),
      updatedReplicas: z.number().int().default(0),
      availableReplicas: z.number().int().default(0),
      conditions: z.array(conditionSchema).default([]),
    })
    .prefault({}),
});
export type DeploymentObject = z.output<typeof deploymentSchema>;

const ownerReferenceSchema = z.looseObject({ uid: z.string(), controller: z.boolean().optional() });

const replicaSetSchema = z.looseObject({
  metadata: z.looseObject({
    name: z.string(),
    uid: z.string().default(""),
    creationTimestamp: z.string().optional(),
    annotations: stringMap.optional(),
    ownerReferences: z.array(ownerReferenceSchema).optional(),
  }),
  spec: z.looseObject({ template: rawTemplateSchema.default({}) }),
});
export type ReplicaSetObject = z.output<typeof replicaSetSchema>;

function read<S extends z.ZodType>(schema: S, object: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(object);
  if (!parsed.success) throw new RolloutError(`the server sent a ${what} skiff cannot read: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** A Deployment as the server sent it; a RolloutError when it lacks what rollouts rely on. */
export const readDeployment = (object: unknown): DeploymentObject => read(deploymentSchema, object, "Deployment");

/** A ReplicaSet as the server sent it; a RolloutError when it lacks what rollouts rely on. */
export const readReplicaSet = (object: unknown): ReplicaSetObject => read(replicaSetSchema, object, "ReplicaSet");
