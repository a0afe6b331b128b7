import { z } from "zod";
import type { Pod } from "../../../src/api/core/v1/pod.js";
import type { Secret } from "../../../src/api/core/v1/secret.js";
import type { Logger } from "../../../src/log.js";
import type { RegistryAuth } from "../../runtime/container-runtime.js";
import type { ObjectSource } from "../pod-dependencies.js";
import { secretBytes } from "./object-refs.js";

/** One registry's entry: `auth` (base64 of user:password) or username and password. */
const registryEntrySchema = z.object({
  auth: z.string().optional(),
  username: z.string().optional(),
  password: z.string().optional(),
});
/** `.dockercfg`: registry → entry. */
const dockerCfgSchema = z.record(z.string(), registryEntrySchema);
/** `.dockerconfigjson`: `{ "auths": { registry → entry } }`. */
const dockerConfigJsonSchema = z.object({ auths: dockerCfgSchema.default({}) });

/**
 * The registry credentials of a pod's imagePullSecrets, in order: Secrets of
 * type kubernetes.io/dockerconfigjson (`.dockerconfigjson`) and the legacy
 * kubernetes.io/dockercfg (`.dockercfg`), as the kubelet reads them. Missing
 * Secrets, other types and unreadable contents are skipped (the pull may
 * then fail); unreadable ones are logged.
 */
export function pullAuths(pod: Pod, objects: ObjectSource, log: Logger): RegistryAuth[] {
  const namespace = pod.metadata.namespace ?? "";
  const auths: RegistryAuth[] = [];
  for (const reference of pod.spec.imagePullSecrets ?? []) {
    if (!reference.name) continue;
    const secret = objects.secret(namespace, reference.name);
    if (!secret) continue;
    try {
      auths.push(...secretAuths(secret));
    } catch (error) {
      log.warn({ secret: `${namespace}/${reference.name}`, err: error }, "image pull secret is not a readable docker config; skipped");
    }
  }
  return auths;
}

/** The credentials in one Secret; throws when its docker config does not parse. */
export function secretAuths(secret: Secret): RegistryAuth[] {
  let registries: z.infer<typeof dockerCfgSchema>;
  if (secret.type === "kubernetes.io/dockerconfigjson") {
    const bytes = secretBytes(secret, ".dockerconfigjson");
    if (!bytes || bytes.length === 0) return [];
    registries = dockerConfigJsonSchema.parse(JSON.parse(bytes.toString("utf8"))).auths;
  } else if (secret.type === "kubernetes.io/dockercfg") {
    const bytes = secretBytes(secret, ".dockercfg");
    if (!bytes || bytes.length === 0) return [];
    registries = dockerCfgSchema.parse(JSON.parse(bytes.toString("utf8")));
  } else {
    return [];
  }
  return Object.entries(registries).map(([serverAddress, entry]) => ({ serverAddress, ...credentials(serverAddress, entry) }));
}

/** `auth`, when present, wins over username and password, as in Kubernetes. */
function credentials(serverAddress: string, entry: z.infer<typeof registryEntrySchema>): { username: string; password: string } {
  if (!entry.auth) return { username: entry.username ?? "", password: entry.password ?? "" };
  const decoded = Buffer.from(entry.auth, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon === -1) throw new Error(`the auth of ${serverAddress} is not base64(username:password)`);
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
