import type { RegistryAuth } from "../container-runtime.js";

/** Docker Hub's names: a credential for one is a credential for all. */
const DOCKER_HUB = new Set(["docker.io", "index.docker.io", "registry-1.docker.io"]);

export interface ImageReference {
  /** host[:port], `docker.io` when the name has none. */
  registry: string;
  /** The path after the registry, e.g. `library/busybox`. */
  repository: string;
  tag?: string;
  digest?: string;
}

/** Reads a Docker image reference the way Docker normalizes it (`busybox` is `docker.io/library/busybox`). */
export function parseImageReference(image: string): ImageReference {
  const at = image.indexOf("@");
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  let name = at >= 0 ? image.slice(0, at) : image;
  let tag: string | undefined;
  const colon = name.lastIndexOf(":");
  if (colon > name.lastIndexOf("/")) {
    tag = name.slice(colon + 1);
    name = name.slice(0, colon);
  }
  const slash = name.indexOf("/");
  const first = slash >= 0 ? name.slice(0, slash) : "";
  const hasRegistry = slash >= 0 && (first.includes(".") || first.includes(":") || first === "localhost");
  const registry = hasRegistry ? first : "docker.io";
  let repository = hasRegistry ? name.slice(slash + 1) : name;
  if (registry === "docker.io" && !repository.includes("/")) repository = `library/${repository}`;
  return { registry, repository, tag, digest };
}

/** What to pull: Docker pulls every tag of a name without one, Kubernetes means `:latest`. */
export function pullReference(image: string): string {
  const ref = parseImageReference(image);
  return ref.tag === undefined && ref.digest === undefined ? `${image}:latest` : image;
}

interface CredentialKey {
  host: string;
  path: string;
}

/** A dockerconfigjson key (`https://host:port/v1/`, `host/path`, `*.example.com`) as host and path. */
function credentialKey(serverAddress: string): CredentialKey {
  const bare = serverAddress.replace(/^[a-z]+:\/\//i, "");
  const slash = bare.indexOf("/");
  const host = (slash >= 0 ? bare.slice(0, slash) : bare).toLowerCase();
  let path = slash >= 0 ? bare.slice(slash) : "";
  // Docker's own config keys carry the API version: it is not part of the repository path.
  path = path.replace(/^\/v[12](\/|$)/, "/");
  return { host, path: path.replace(/^\/+|\/+$/g, "") };
}

function hostMatches(pattern: string, host: string): boolean {
  if (DOCKER_HUB.has(pattern) && DOCKER_HUB.has(host)) return true;
  const [patternName = "", patternPort] = pattern.split(":");
  const [hostName = "", hostPort] = host.split(":");
  if (patternPort !== hostPort) return false;
  const want = patternName.split(".");
  const have = hostName.split(".");
  // As the kubelet: `*` matches one label of the host name.
  return want.length === have.length && want.every((label, i) => label === "*" || label === have[i]);
}

/**
 * The credentials, in their order, whose key matches the image's registry
 * (and repository path, when the key names one).
 *
 * @example
 * authsFor("127.0.0.1:5000/team/app:1", auths) // those for `127.0.0.1:5000` and `127.0.0.1:5000/team`
 */
export function authsFor(image: string, auths: RegistryAuth[]): RegistryAuth[] {
  const ref = parseImageReference(image);
  return auths.filter((auth) => {
    const key = credentialKey(auth.serverAddress);
    if (!hostMatches(key.host, ref.registry.toLowerCase())) return false;
    return key.path === "" || ref.repository === key.path || ref.repository.startsWith(`${key.path}/`);
  });
}
