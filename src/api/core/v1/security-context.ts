import { z } from "zod";
import { int64 } from "../../schema/primitives.js";

export const seLinuxOptionsSchema = z.object({
  user: z.string().optional(),
  role: z.string().optional(),
  type: z.string().optional(),
  level: z.string().optional(),
});

export const windowsSecurityContextOptionsSchema = z.object({
  gmsaCredentialSpecName: z.string().optional(),
  gmsaCredentialSpec: z.string().optional(),
  runAsUserName: z.string().optional(),
  hostProcess: z.boolean().optional(),
});

/** A seccomp or AppArmor profile: RuntimeDefault, Localhost (with a path) or Unconfined. */
export const securityProfileSchema = z.object({
  type: z.string().default(""),
  localhostProfile: z.string().optional(),
});
export type SecurityProfile = z.infer<typeof securityProfileSchema>;

export const capabilitiesSchema = z.object({
  add: z.array(z.string()).optional(),
  drop: z.array(z.string()).optional(),
});

/** Per-container security settings. */
export const securityContextSchema = z.object({
  capabilities: capabilitiesSchema.optional(),
  privileged: z.boolean().optional(),
  seLinuxOptions: seLinuxOptionsSchema.optional(),
  windowsOptions: windowsSecurityContextOptionsSchema.optional(),
  runAsUser: int64.optional(),
  runAsGroup: int64.optional(),
  runAsNonRoot: z.boolean().optional(),
  readOnlyRootFilesystem: z.boolean().optional(),
  allowPrivilegeEscalation: z.boolean().optional(),
  procMount: z.string().optional(),
  seccompProfile: securityProfileSchema.optional(),
  appArmorProfile: securityProfileSchema.optional(),
});
export type SecurityContext = z.infer<typeof securityContextSchema>;

export const sysctlSchema = z.object({
  name: z.string().default(""),
  value: z.string().default(""),
});

/** Security settings for every container of a pod. */
export const podSecurityContextSchema = z.object({
  seLinuxOptions: seLinuxOptionsSchema.optional(),
  windowsOptions: windowsSecurityContextOptionsSchema.optional(),
  runAsUser: int64.optional(),
  runAsGroup: int64.optional(),
  runAsNonRoot: z.boolean().optional(),
  supplementalGroups: z.array(int64).optional(),
  supplementalGroupsPolicy: z.string().optional(),
  fsGroup: int64.optional(),
  sysctls: z.array(sysctlSchema).optional(),
  fsGroupChangePolicy: z.string().optional(),
  seccompProfile: securityProfileSchema.optional(),
  appArmorProfile: securityProfileSchema.optional(),
  seLinuxChangePolicy: z.string().optional(),
});
export type PodSecurityContext = z.infer<typeof podSecurityContextSchema>;
