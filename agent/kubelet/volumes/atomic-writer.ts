import { chmod, chown, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rename, rm, stat, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import type { FileProjection, Payload } from "./payload.js";

/*
 * Writes a volume's files the way the kubelet's atomic writer does, so a
 * container never reads a half-written file or a mix of old and new files:
 *
 *   <dir>/..2026_11_23_15_04_05.Ab3xYz/   the files of one version
 *   <dir>/..data -> ..2026_11_23_...      swapped with one rename
 *   <dir>/<key>  -> ..data/<key>          what the container opens
 *
 * A new version is written into a fresh timestamped directory, `..data` is
 * pointed at it by renaming a new symlink over it (atomic), then the
 * user-visible links are added or removed and the old directory deleted.
 * Nothing is written when the files are unchanged.
 *
 * With a pod's fsGroup, the volume is the group's as the kubelet makes it:
 * every file and directory group-owned by it, files group-readable,
 * directories group-readable and setgid.
 */

const DATA_LINK = "..data";
const DATA_LINK_TMP = "..data_tmp";
const MAX_PATH_LENGTH = 4096;
const MAX_FILE_NAME_LENGTH = 255;

/** A payload path the writer refuses; the message is the kubelet's. */
export class PayloadPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PayloadPathError";
  }
}

/** Throws PayloadPathError unless `target` is a relative path inside the volume that does not hide behind `..`. */
export function validatePayloadPath(target: string): void {
  if (target === "") throw new PayloadPathError(`invalid path: must not be empty: ""`);
  if (path.posix.isAbsolute(target)) throw new PayloadPathError(`invalid path: must be relative path: ${target}`);
  if (target.length > MAX_PATH_LENGTH) {
    throw new PayloadPathError(`invalid path: must be less than or equal to ${MAX_PATH_LENGTH} characters`);
  }
  const items = target.split("/");
  for (const item of items) {
    if (item === "..") throw new PayloadPathError(`invalid path: must not contain '..': ${target}`);
    if (item.length > MAX_FILE_NAME_LENGTH) {
      throw new PayloadPathError(`invalid path: filenames must be less than or equal to ${MAX_FILE_NAME_LENGTH} characters`);
    }
  }
  const first = items[0] ?? "";
  if (first.startsWith("..") && first.length > 2) throw new PayloadPathError(`invalid path: must not start with '..': ${target}`);
}

/** The group a volume belongs to (the pod's fsGroup); undefined: the agent's own. */
export type VolumeGroup = number | undefined;

/**
 * Makes `dir` hold exactly `payload`, atomically. Returns whether anything
 * was written. Calls for one directory must not overlap (the caller
 * serializes them).
 */
export async function writePayloadAtomically(dir: string, payload: Payload, now: Date, group?: VolumeGroup): Promise<boolean> {
  const files = new Map<string, FileProjection>();
  for (const [target, file] of payload) {
    validatePayloadPath(target);
    // Read-only volumes give the fsGroup read access (the kubelet's ownership mask).
    const mode = group === undefined ? file.mode : file.mode | 0o440;
    files.set(path.posix.normalize(target).replace(/\/+$/, ""), { ...file, mode });
  }
  await mkdir(dir, { recursive: true, mode: 0o755 });
  await own(dir, directoryMode(group), group);
  const oldVersion = await readLinkOrUndefined(path.join(dir, DATA_LINK));
  const changed = oldVersion === undefined || !(await holdsPayload(path.join(dir, oldVersion), files, group));
  let current = oldVersion;
  if (changed) {
    current = await writeVersion(dir, files, now, group);
    const tmpLink = path.join(dir, DATA_LINK_TMP);
    await rm(tmpLink, { force: true });
    await symlink(current, tmpLink);
    await rename(tmpLink, path.join(dir, DATA_LINK));
  }
  await syncVisibleLinks(dir, new Set([...files.keys()].map((target) => target.split("/")[0] ?? target)), current);
  return changed;
}

/** Writes the files into a new `..<timestamp>.<random>` directory; returns its name. */
async function writeVersion(dir: string, files: Payload, now: Date, group: VolumeGroup): Promise<string> {
  const versionDir = await mkdtemp(path.join(dir, timestampPrefix(now)));
  // mkdtemp makes 0700; containers running as any user must read through it.
  await own(versionDir, directoryMode(group), group);
  for (const [target, file] of files) {
    let parent = versionDir;
    for (const part of path.posix.dirname(target).split("/").filter((p) => p !== ".")) {
      parent = path.join(parent, part);
      if ((await lstatOrUndefined(parent)) === undefined) {
        await mkdir(parent);
        await own(parent, directoryMode(group), group);
      }
    }
    const full = path.join(versionDir, target);
    await writeFile(full, file.data, { mode: file.mode });
    // writeFile's mode is masked by the umask; the volume's mode is not.
    await own(full, file.mode, group);
    if (file.owner !== undefined) await chown(full, file.owner, -1);
  }
  return path.basename(versionDir);
}

/** 0755, plus group read and setgid (new files inherit the group) with an fsGroup. */
function directoryMode(group: VolumeGroup): number {
  return group === undefined ? 0o755 : 0o2755;
}

/** Sets the mode, and the group first when there is one (chown clears setgid). */
async function own(target: string, mode: number, group: VolumeGroup): Promise<void> {
  if (group !== undefined) await chown(target, -1, group);
  await chmod(target, mode);
}

/** `..2026_11_23_15_04_05.` in UTC, as the kubelet names versions. */
function timestampPrefix(now: Date): string {
  const pad = (n: number): string => String(n).padStart(2, "0");
  const date = `${now.getUTCFullYear()}_${pad(now.getUTCMonth() + 1)}_${pad(now.getUTCDate())}`;
  const time = `${pad(now.getUTCHours())}_${pad(now.getUTCMinutes())}_${pad(now.getUTCSeconds())}`;
  return `..${date}_${time}.`;
}

/**
 * Adds a `<name> -> ..data/<name>` link for each top-level name, removes
 * visible entries no longer wanted, and removes every `..` version
 * directory but the current one (the old one, and any a crash left).
 */
async function syncVisibleLinks(dir: string, names: Set<string>, current: string | undefined): Promise<void> {
  for (const name of names) {
    const link = path.join(dir, name);
    const target = path.join(DATA_LINK, name);
    if ((await readLinkOrUndefined(link)) === target) continue;
    // Whatever else stands there (a subPath directory made before the key existed) would hide the key.
    await rm(link, { recursive: true, force: true });
    await symlink(target, link);
  }
  for (const entry of await readdir(dir)) {
    const hidden = entry.startsWith("..");
    const wanted = hidden ? entry === DATA_LINK || entry === current : names.has(entry);
    if (!wanted) await rm(path.join(dir, entry), { recursive: true, force: true });
  }
}

/** Whether `versionDir` holds exactly these files, with the same bytes, modes, group and owners. */
async function holdsPayload(versionDir: string, files: Payload, group: VolumeGroup): Promise<boolean> {
  let present: string[];
  try {
    present = await listFiles(versionDir, "");
  } catch {
    return false;
  }
  if (present.length !== files.size) return false;
  for (const target of present) {
    const file = files.get(target);
    if (!file) return false;
    const full = path.join(versionDir, target);
    const [stats, data] = await Promise.all([stat(full), readFile(full)]);
    if ((stats.mode & 0o7777) !== file.mode || (group !== undefined && stats.gid !== group) || !data.equals(file.data)) return false;
    if (file.owner !== undefined && stats.uid !== file.owner) return false;
  }
  return true;
}

/** Every regular file under `dir`, as paths relative to it. */
async function listFiles(dir: string, prefix: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(path.join(dir, prefix), { withFileTypes: true })) {
    const relative = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) out.push(...(await listFiles(dir, relative)));
    else out.push(relative);
  }
  return out;
}

/** The link's target; undefined when there is nothing there or it is not a symlink. */
async function readLinkOrUndefined(link: string): Promise<string | undefined> {
  try {
    return await readlink(link);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "EINVAL") return undefined;
    throw error;
  }
}

async function lstatOrUndefined(target: string): Promise<object | undefined> {
  try {
    return await lstat(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
