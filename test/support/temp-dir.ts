import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";

/**
 * A fresh directory under the system's temp dir for a test file's scratch
 * files, made before its tests and removed after them.
 *
 * @example
 * const dir = useTempDir("skiff-apply-");
 * it("writes", async () => writeFile(join(dir(), "a.yaml"), text));
 */
export function useTempDir(prefix: string): () => string {
  let path: string | undefined;
  beforeAll(async () => {
    path = await mkdtemp(join(tmpdir(), prefix));
  });
  afterAll(async () => {
    if (path) await rm(path, { recursive: true, force: true });
    path = undefined;
  });
  return () => {
    if (!path) throw new Error(`the temp dir ${prefix}* is not there: useTempDir() serves tests and hooks registered after it`);
    return path;
  };
}
