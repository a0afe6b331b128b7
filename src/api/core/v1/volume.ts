import { z } from "zod";
import { int32, int64, quantity, stringMap } from "../../schema/primitives.js";
import { objectFieldSelectorSchema, resourceFieldSelectorSchema } from "./env.js";
import { localObjectReferenceSchema } from "./object-reference.js";

/** One key of a ConfigMap or Secret projected to a file path. */
export const keyToPathSchema = z.object({
  key: z.string().default(""),
  path: z.string().default(""),
  mode: int32.optional(),
});
export type KeyToPath = z.infer<typeof keyToPathSchema>;

export const hostPathVolumeSourceSchema = z.object({
  path: z.string().default(""),
  type: z.string().optional(),
});

export const emptyDirVolumeSourceSchema = z.object({
  medium: z.string().optional(),
  sizeLimit: quantity.optional(),
});

export const secretVolumeSourceSchema = z.object({
  secretName: z.string().optional(),
  items: z.array(keyToPathSchema).optional(),
  defaultMode: int32.optional(),
  optional: z.boolean().optional(),
});

export const configMapVolumeSourceSchema = z.object({
  name: z.string().optional(),
  items: z.array(keyToPathSchema).optional(),
  defaultMode: int32.optional(),
  optional: z.boolean().optional(),
});

export const persistentVolumeClaimVolumeSourceSchema = z.object({
  claimName: z.string().default(""),
  readOnly: z.boolean().optional(),
});

export const downwardAPIVolumeFileSchema = z.object({
  path: z.string().default(""),
  fieldRef: objectFieldSelectorSchema.optional(),
  resourceFieldRef: resourceFieldSelectorSchema.optional(),
  mode: int32.optional(),
});
export type DownwardAPIVolumeFile = z.infer<typeof downwardAPIVolumeFileSchema>;

export const downwardAPIVolumeSourceSchema = z.object({
  items: z.array(downwardAPIVolumeFileSchema).optional(),
  defaultMode: int32.optional(),
});

export const serviceAccountTokenProjectionSchema = z.object({
  audience: z.string().optional(),
  expirationSeconds: int64.optional(),
  path: z.string().default(""),
});

/** One source of a projected volume: a Secret, ConfigMap, downward API or token. */
export const volumeProjectionSchema = z.object({
  secret: z
    .object({ name: z.string().optional(), items: z.array(keyToPathSchema).optional(), optional: z.boolean().optional() })
    .optional(),
  configMap: z
    .object({ name: z.string().optional(), items: z.array(keyToPathSchema).optional(), optional: z.boolean().optional() })
    .optional(),
  downwardAPI: z.object({ items: z.array(downwardAPIVolumeFileSchema).optional() }).optional(),
  serviceAccountToken: serviceAccountTokenProjectionSchema.optional(),
});
export type VolumeProjection = z.infer<typeof volumeProjectionSchema>;

export const projectedVolumeSourceSchema = z.object({
  sources: z.array(volumeProjectionSchema).optional(),
  defaultMode: int32.optional(),
});

export const nfsVolumeSourceSchema = z.object({
  server: z.string().default(""),
  path: z.string().default(""),
  readOnly: z.boolean().optional(),
});

export const csiVolumeSourceSchema = z.object({
  driver: z.string().default(""),
  readOnly: z.boolean().optional(),
  fsType: z.string().optional(),
  volumeAttributes: stringMap.optional(),
  nodePublishSecretRef: localObjectReferenceSchema.optional(),
});

export const imageVolumeSourceSchema = z.object({
  reference: z.string().optional(),
  pullPolicy: z.string().optional(),
});

/** The volume kinds skiff reads, in the order Kubernetes checks them; a volume names exactly one. */
export const VOLUME_SOURCES = [
  "emptyDir",
  "hostPath",
  "secret",
  "nfs",
  "persistentVolumeClaim",
  "downwardAPI",
  "projected",
  "configMap",
  "csi",
  "image",
] as const;
export type VolumeSourceName = (typeof VOLUME_SOURCES)[number];

/** A named volume of a pod. */
export const volumeSchema = z.object({
  name: z.string().default(""),
  hostPath: hostPathVolumeSourceSchema.optional(),
  emptyDir: emptyDirVolumeSourceSchema.optional(),
  secret: secretVolumeSourceSchema.optional(),
  configMap: configMapVolumeSourceSchema.optional(),
  persistentVolumeClaim: persistentVolumeClaimVolumeSourceSchema.optional(),
  downwardAPI: downwardAPIVolumeSourceSchema.optional(),
  projected: projectedVolumeSourceSchema.optional(),
  nfs: nfsVolumeSourceSchema.optional(),
  csi: csiVolumeSourceSchema.optional(),
  image: imageVolumeSourceSchema.optional(),
});
export type Volume = z.infer<typeof volumeSchema>;
