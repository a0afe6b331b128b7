import { constants } from "node:fs";
import { open, mkdir, stat } from "node:fs/promises";

/** The hostPath types Kubernetes knows; "" checks nothing. */
const describedTypes: Record<string, string> = {
  Directory: "a directory",
  File: "a file",
  Socket: "a socket file",
  CharDevice: "a character device",
  BlockDevice: "a block device",
};

/**
 * Checks (and for the *OrCreate types, makes) a hostPath volume's path as
 * the kubelet does, throwing an Error with the kubelet's message:
 * `hostPath type check failed: /x is not a directory`. Symlinks are
 * followed, as the kubelet's stat follows them.
 */
export async function checkHostPathType(hostPath: string, type: string | undefined): Promise<void> {
  if (!type) return;
  let expected = type;
  if (type === "DirectoryOrCreate" || type === "FileOrCreate") {
    expected = type === "DirectoryOrCreate" ? "Directory" : "File";
    if ((await kindOf(hostPath)) === undefined) {
      if (expected === "Directory") await mkdir(hostPath, { recursive: true, mode: 0o755 });
      else await (await open(hostPath, constants.O_CREAT | constants.O_RDONLY, 0o644)).close();
    }
  }
  const description = describedTypes[expected];
  if (description === undefined) throw new Error(`${type} is an invalid volume type`);
  if ((await kindOf(hostPath)) !== expected) throw new Error(`hostPath type check failed: ${hostPath} is not ${description}`);
}

/** The path's kind in hostPath terms, or undefined when it does not exist. */
async function kindOf(hostPath: string): Promise<string | undefined> {
  try {
    const stats = await stat(hostPath);
    if (stats.isDirectory()) return "Directory";
    if (stats.isFile()) return "File";
    if (stats.isSocket()) return "Socket";
    if (stats.isCharacterDevice()) return "CharDevice";
    if (stats.isBlockDevice()) return "BlockDevice";
    return "Other";
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
