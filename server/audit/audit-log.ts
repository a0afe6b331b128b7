import { chmod, mkdir, open, type FileHandle } from "node:fs/promises";
import { dirname } from "node:path";
import type { Logger } from "../../src/log.js";
import type { AuditEvent } from "./audit-event.js";

const auditFileMode = 0o600;

/** Where audit events go: `record` never waits, `close` writes what is pending. */
export interface AuditLog {
  record(event: AuditEvent): void;
  /** Resolves once every recorded event is in the file. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/**
 * An audit log appended to `path` as JSON lines, mode 0600. Events are
 * buffered and written by one write at a time in the background, so a
 * request never waits for the disk; `close` drains the buffer first, so a
 * clean shutdown loses nothing.
 */
export async function openAuditLog(path: string, log: Logger): Promise<AuditLog> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const file: FileHandle = await open(path, "a", auditFileMode);
  // A file made earlier with a looser mode is tightened: the log names users and objects.
  await chmod(path, auditFileMode);
  let pending: string[] = [];
  let writing: Promise<void> | undefined;
  let failures = 0;

  const writeAll = async (): Promise<void> => {
    while (pending.length > 0) {
      const lines = pending.join("");
      pending = [];
      try {
        await file.write(lines);
      } catch (error) {
        // One message per failure streak, not per line: the disk may be full for a while.
        if (failures++ === 0) log.error({ err: error, path }, "audit log write failed");
        continue;
      }
      if (failures > 0) log.warn({ path, failedWrites: failures }, "audit log writes resumed");
      failures = 0;
    }
  };
  const drain = (): Promise<void> => {
    writing ??= writeAll().finally(() => {
      writing = undefined;
      // Lines recorded while the last write settled.
      if (pending.length > 0) void drain();
    });
    return writing;
  };

  const flush = async (): Promise<void> => {
    while (writing !== undefined || pending.length > 0) await (writing ?? drain());
  };
  return {
    record(event) {
      pending.push(`${JSON.stringify(event)}\n`);
      if (writing === undefined) void drain();
    },
    flush,
    async close() {
      await flush();
      await file.close();
    },
  };
}
