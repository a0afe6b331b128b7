import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { delimiter, dirname, isAbsolute, join, resolve } from "node:path";
import { resolveConnection, type ClusterConnection } from "./connection.js";
import { KubeconfigError } from "./errors.js";
import { parseKubeconfig } from "./parse.js";
import type { Kubeconfig } from "./schema.js";

/** Where to look for kubeconfig files; kubectl's rules. */
export interface KubeconfigLocation {
  /** `--kubeconfig`: this file alone, which must exist. */
  path?: string;
  /** Read for KUBECONFIG and HOME; default `process.env`. */
  env?: NodeJS.ProcessEnv;
}

export interface LoadKubeconfigOptions extends KubeconfigLocation {
  /** `--context`: the context to use instead of the current one. */
  context?: string;
}

/** A kubeconfig read from one file or merged from several. */
export interface ReadKubeconfig {
  config: Kubeconfig;
  /** The file, or the files joined by the path delimiter, for messages. */
  source: string;
}

async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const code = error instanceof Error && "code" in error ? String(error.code) : String(error);
    if (code === "ENOENT") return undefined;
    throw new KubeconfigError(path, `cannot be read (${code})`);
  }
}

/** Paths in a kubeconfig are relative to the file they are written in; make them absolute. */
function absolutePaths(config: Kubeconfig, file: string): Kubeconfig {
  const base = dirname(file);
  const absolute = (path: string | undefined): string | undefined =>
    path === undefined || path === "" || isAbsolute(path) ? path : join(base, path);
  return {
    ...config,
    clusters: config.clusters.map(({ name, cluster }) => ({
      name,
      cluster: { ...cluster, "certificate-authority": absolute(cluster["certificate-authority"]) },
    })),
    users: config.users.map(({ name, user }) => ({
      name,
      user: {
        ...user,
        tokenFile: absolute(user.tokenFile),
        "client-certificate": absolute(user["client-certificate"]),
        "client-key": absolute(user["client-key"]),
      },
    })),
  };
}

function firstByName<T extends { name: string }>(lists: readonly (readonly T[])[]): T[] {
  const seen = new Set<string>();
  const merged: T[] = [];
  for (const item of lists.flat()) {
    if (seen.has(item.name)) continue;
    seen.add(item.name);
    merged.push(item);
  }
  return merged;
}

/** kubectl's merge of KUBECONFIG files: the first file to name an entry (or set current-context) wins. */
function merge(configs: readonly Kubeconfig[]): Kubeconfig {
  return {
    clusters: firstByName(configs.map((c) => c.clusters)),
    users: firstByName(configs.map((c) => c.users)),
    contexts: firstByName(configs.map((c) => c.contexts)),
    "current-context": configs.map((c) => c["current-context"]).find((name) => name !== undefined && name !== ""),
  };
}

/**
 * Reads the kubeconfig kubectl would read: the `path` given; else every file
 * listed in KUBECONFIG that exists, merged; else `~/.kube/config`.
 *
 * @throws KubeconfigError when there is no file to read, or one is unreadable or invalid.
 */
export async function readKubeconfig(location: KubeconfigLocation = {}): Promise<ReadKubeconfig> {
  const env = location.env ?? process.env;
  const explicit = location.path !== undefined && location.path !== "" ? resolve(location.path) : undefined;
  const listed = (env.KUBECONFIG ?? "").split(delimiter).filter((entry) => entry !== "");
  let paths: string[];
  if (explicit) paths = [explicit];
  else if (listed.length > 0) paths = [...new Set(listed.map((entry) => resolve(entry)))];
  else paths = [join(env.HOME || homedir(), ".kube", "config")];
  const source = paths.join(delimiter);

  const configs: Kubeconfig[] = [];
  for (const path of paths) {
    const text = await readIfPresent(path);
    if (text !== undefined) configs.push(absolutePaths(parseKubeconfig(text, path), path));
  }
  if (configs.length === 0) {
    let detail = "does not exist: pass --kubeconfig or set KUBECONFIG";
    if (explicit) detail = "does not exist";
    else if (listed.length > 0) detail = "(from KUBECONFIG) does not exist";
    throw new KubeconfigError(source, detail);
  }
  return { config: merge(configs), source };
}

/**
 * The connection to use, from the kubeconfig kubectl would use (see
 * `readKubeconfig`) and its current context, or `options.context`.
 *
 * @throws KubeconfigError naming the file when it is missing, invalid, or its context unusable.
 * @example
 * const connection = await loadKubeconfig({ path: flags.kubeconfig, context: flags.context });
 * // connection.server, connection.caCertPem, connection.token
 */
export async function loadKubeconfig(options: LoadKubeconfigOptions = {}): Promise<ClusterConnection> {
  const { config, source } = await readKubeconfig(options);
  return resolveConnection(config, source, options.context);
}
