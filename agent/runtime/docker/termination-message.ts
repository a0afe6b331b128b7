import { randomBytes } from "node:crypto";
import { chmod, mkdir, open, rmdir, unlink, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";

/** The kubelet reads at most this much of a termination message. */
export const MAX_TERMINATION_MESSAGE_BYTES = 4096;

function safeSegment(value: string): string {
  return value.replace(/[^A-Za-z0-9._-]/g, "_") || "_";
}

/**
 * The files containers write their termination message to, one per
 * container under `root/<pod uid>/`, bind-mounted at the container's
 * terminationMessagePath and read once it exited.
 */
export class TerminationMessageFiles {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  /** Makes an empty file any user of the container may write (as the kubelet does, 0666). */
  async create(podUid: string, containerName: string, attempt: number): Promise<string> {
    const dir = join(this.root, safeSegment(podUid));
    await mkdir(dir, { recursive: true });
    const file = join(dir, `${safeSegment(containerName)}-${attempt}-${randomBytes(4).toString("hex")}`);
    await writeFile(file, "", { flag: "wx" });
    await chmod(file, 0o666);
    return file;
  }

  /** The message, cut at 4 KiB; undefined when there is none or the file is gone. */
  async read(file: string): Promise<string | undefined> {
    if (!this.owns(file)) return undefined;
    try {
      const handle = await open(file, "r");
      try {
        const buffer = Buffer.alloc(MAX_TERMINATION_MESSAGE_BYTES);
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
        return bytesRead > 0 ? buffer.subarray(0, bytesRead).toString("utf8") : undefined;
      } finally {
        await handle.close();
      }
    } catch {
      return undefined;
    }
  }

  /** Removes the file, and the pod's directory once it is empty. */
  async remove(file: string): Promise<void> {
    if (!this.owns(file)) return;
    await unlink(file).catch(() => undefined);
    // Fails while another container of the pod still has its file: that is expected.
    await rmdir(dirname(file)).catch(() => undefined);
  }

  /** Only files under the root are read or removed, whatever a label says. */
  private owns(file: string): boolean {
    const rel = relative(this.root, resolve(file));
    return rel !== "" && !rel.startsWith("..") && !rel.startsWith(sep);
  }
}
