import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { access, mkdir, open, readFile, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { PkiFileError } from "./errors.js";

/*
 * Files only the server's user may read (keys, tokens), written so that a
 * crash at any moment leaves either the old content or the new, never half a
 * key: write a temp file beside the target, fsync it, rename it over the
 * target, fsync the folder so the rename itself is durable.
 */

const PRIVATE_DIR_MODE = 0o700;
const PRIVATE_FILE_MODE = 0o600;

function errnoCode(error: unknown): string | undefined {
  return error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : undefined;
}

const notWritableCodes = new Set(["EACCES", "EPERM", "EROFS"]);

function writeError(path: string, error: unknown): PkiFileError {
  const code = errnoCode(error);
  if (code !== undefined && notWritableCodes.has(code)) {
    const detail = `cannot write (${code}): check the owner and permissions of the data dir`;
    return new PkiFileError(path, "not-writable", detail, { cause: error });
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new PkiFileError(path, "write-failed", `cannot write: ${reason}`, { cause: error });
}

/**
 * Makes sure `path` is a directory the process can write, creating it (and
 * its parents) with mode 0700 when missing.
 */
export async function ensurePrivateDir(path: string): Promise<void> {
  try {
    await mkdir(path, { recursive: true, mode: PRIVATE_DIR_MODE });
  } catch (error) {
    const code = errnoCode(error);
    if (code === "EEXIST" || code === "ENOTDIR") {
      throw new PkiFileError(path, "not-a-directory", "exists but is not a directory: choose another data dir", {
        cause: error,
      });
    }
    throw writeError(path, error);
  }
  // mkdir with recursive succeeds silently on an existing path only when it is a directory,
  // but a symlink to a file would slip through; stat follows it and tells.
  const info = await stat(path);
  if (!info.isDirectory()) {
    throw new PkiFileError(path, "not-a-directory", "exists but is not a directory: choose another data dir");
  }
  try {
    await access(path, constants.W_OK);
  } catch (error) {
    throw new PkiFileError(path, "not-writable", "is not writable: check its owner and permissions", { cause: error });
  }
}

/**
 * True when the directory `path` exists, false when nothing is there.
 *
 * @throws PkiFileError (not-a-directory) when something else is there.
 */
export async function directoryExists(path: string): Promise<boolean> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) return true;
  } catch (error) {
    if (errnoCode(error) === "ENOENT") return false;
    throw new PkiFileError(path, "unreadable", `cannot be examined (${errnoCode(error) ?? String(error)})`, {
      cause: error,
    });
  }
  throw new PkiFileError(path, "not-a-directory", "exists but is not a directory: move it away");
}

/** The file's text, or undefined when it does not exist. */
export async function readPrivateFile(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const code = errnoCode(error);
    if (code === "ENOENT") return undefined;
    const reason = code === "EISDIR" ? "is a directory, not a file" : `cannot be read (${code ?? String(error)})`;
    throw new PkiFileError(path, "unreadable", `${reason}: check its owner and permissions`, { cause: error });
  }
}

async function syncDir(path: string): Promise<void> {
  const handle = await open(path, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function writeSynced(path: string, data: string): Promise<void> {
  const handle = await open(path, "wx", PRIVATE_FILE_MODE);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function tempSibling(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
}

/** Replaces `path` with `data` atomically and durably; the file gets mode 0600. */
export async function writePrivateFile(path: string, data: string): Promise<void> {
  const temp = tempSibling(path);
  try {
    await writeSynced(temp, data);
    await rename(temp, path);
    await syncDir(dirname(path));
  } catch (error) {
    await rm(temp, { force: true });
    throw writeError(path, error);
  }
}

/**
 * Creates the directory `dir` (0700) holding exactly `files` (name → text,
 * each 0600), all at once: they are written into a temp folder beside it,
 * which is then renamed to `dir`. After a crash `dir` is either absent or
 * complete, so a missing file in it is never a half-finished start.
 * Fails if `dir` already exists and is not empty.
 */
export async function createPrivateDir(dir: string, files: Readonly<Record<string, string>>): Promise<void> {
  const temp = tempSibling(dir);
  try {
    await mkdir(temp, { mode: PRIVATE_DIR_MODE });
    for (const [name, data] of Object.entries(files)) await writeSynced(join(temp, name), data);
    await syncDir(temp);
    await rename(temp, dir);
    await syncDir(dirname(dir));
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw writeError(dir, error);
  }
}
