import { z } from "zod";

/*
 * The kubeconfig file as kubectl reads it (clientcmd's v1 Config), limited to
 * the fields skiff acts on; zod drops the rest (extensions, preferences).
 * Field names are kubectl's, dashes and all. Semantic checks (a server URL is
 * there, the current context exists) wait until a context is chosen, as
 * kubectl only checks the context it uses.
 */

/** Standard base64 as Go's encoding/json writes []byte (line breaks tolerated). */
const base64Data = z
  .string()
  .regex(/^[A-Za-z0-9+/\s]*={0,2}\s*$/, { message: "must be base64 data" });

/** A list kubectl may write as `null`. */
const namedList = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((list) => list ?? []);

export const kubeconfigClusterSchema = z.object({
  server: z.string().optional(),
  "certificate-authority": z.string().optional(),
  "certificate-authority-data": base64Data.optional(),
  "insecure-skip-tls-verify": z.boolean().optional(),
  "tls-server-name": z.string().optional(),
});

export const kubeconfigUserSchema = z.object({
  token: z.string().optional(),
  tokenFile: z.string().optional(),
  "client-certificate": z.string().optional(),
  "client-certificate-data": base64Data.optional(),
  "client-key": z.string().optional(),
  "client-key-data": base64Data.optional(),
  // Kept only to say clearly that skiff cannot run them.
  exec: z.unknown().optional(),
  "auth-provider": z.unknown().optional(),
});

export const kubeconfigContextSchema = z.object({
  cluster: z.string().min(1),
  user: z.string().optional(),
  namespace: z.string().optional(),
});

export const kubeconfigSchema = z.object({
  apiVersion: z.literal("v1").optional(),
  kind: z.literal("Config").optional(),
  clusters: namedList(z.object({ name: z.string().min(1), cluster: kubeconfigClusterSchema })),
  users: namedList(z.object({ name: z.string().min(1), user: kubeconfigUserSchema })),
  contexts: namedList(z.object({ name: z.string().min(1), context: kubeconfigContextSchema })),
  "current-context": z.string().optional(),
});

/** A parsed kubeconfig; `-data` fields are still base64, as in the file. */
export type Kubeconfig = z.output<typeof kubeconfigSchema>;
export type KubeconfigCluster = z.output<typeof kubeconfigClusterSchema>;
export type KubeconfigUser = z.output<typeof kubeconfigUserSchema>;
export type KubeconfigContext = z.output<typeof kubeconfigContextSchema>;
