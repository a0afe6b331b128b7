import { z } from "zod";

/** authorization.k8s.io/v1 ResourceAttributes: what an access review asks about a resource. */
export const resourceAttributesSchema = z.object({
  namespace: z.string().default(""),
  verb: z.string().default(""),
  group: z.string().default(""),
  version: z.string().default(""),
  resource: z.string().default(""),
  subresource: z.string().default(""),
  name: z.string().default(""),
});
export type ResourceAttributesSpec = z.infer<typeof resourceAttributesSchema>;

/** authorization.k8s.io/v1 NonResourceAttributes: a path and an HTTP verb. */
export const nonResourceAttributesSchema = z.object({
  path: z.string().default(""),
  verb: z.string().default(""),
});
export type NonResourceAttributesSpec = z.infer<typeof nonResourceAttributesSchema>;

const accessReviewSpecFields = {
  resourceAttributes: resourceAttributesSchema.optional(),
  nonResourceAttributes: nonResourceAttributesSchema.optional(),
};

/** The bodies of the reviews: only the spec matters; metadata and status sent along are ignored. */
export const selfSubjectAccessReviewSchema = z.object({ spec: z.object(accessReviewSpecFields).prefault({}) });

export const subjectAccessReviewSchema = z.object({
  spec: z
    .object({
      ...accessReviewSpecFields,
      user: z.string().default(""),
      groups: z.array(z.string()).default(() => []),
      uid: z.string().default(""),
      extra: z.record(z.string(), z.array(z.string())).optional(),
    })
    .prefault({}),
});

export const selfSubjectRulesReviewSchema = z.object({ spec: z.object({ namespace: z.string().default("") }).prefault({}) });
