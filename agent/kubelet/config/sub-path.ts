import { chmodSync, lstatSync, mkdirSync, realpathSync, statSync } from "node:fs";
import path from "node:path";

/** A subPath the kubelet would refuse; the message is the kubelet's. */
export class SubPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SubPathError";
  }
}

/**
 * The host path a volumeMount's subPath mounts: `subPath` inside
 * `volumePath`, made as directories (with the volume's mode) when missing,
 * as the kubelet does. Refuses absolute paths and `..`, and any path that
 * leads out of the volume through a symlink a container left there; the
 * result is the resolved path, so the mount is pinned to what was checked.
 * Synchronous: the container config is built synchronously.
 */
export function subPathHostPath(volumePath: string, subPath: string, mountName: string, containerName: string): string {
  if (path.isAbsolute(subPath)) throw new SubPathError(`error SubPath \`${subPath}\` must not be an absolute path`);
  if (subPath.split("/").includes("..")) throw new SubPathError(`unable to provision SubPath \`${subPath}\`: must not contain '..'`);
  const escape = new SubPathError(`failed to prepare subPath for volumeMount "${mountName}" of container "${containerName}"`);
  let volumeRoot: string;
  let mode: number;
  try {
    volumeRoot = realpathSync(volumePath);
    mode = statSync(volumeRoot).mode & 0o7777;
  } catch {
    throw escape;
  }
  const inside = (candidate: string): boolean => candidate === volumeRoot || candidate.startsWith(volumeRoot + path.sep);
  let current = volumeRoot;
  for (const part of subPath.split("/").filter((p) => p !== "" && p !== ".")) {
    const next = path.join(current, part);
    if (!exists(next)) {
      try {
        mkdirSync(next, { mode });
        chmodSync(next, mode);
      } catch {
        throw new SubPathError(`failed to create subPath directory for volumeMount "${mountName}" of container "${containerName}"`);
      }
    }
    let resolved: string;
    try {
      resolved = realpathSync(next);
    } catch {
      throw escape;
    }
    if (!inside(resolved)) throw escape;
    current = resolved;
  }
  return current;
}

function exists(target: string): boolean {
  try {
    lstatSync(target);
    return true;
  } catch {
    return false;
  }
}
