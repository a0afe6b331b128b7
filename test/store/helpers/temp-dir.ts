import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";

export interface TempDir {
  path: string;
  /** A path in the directory that no earlier call gave out: `store.db` → `store-1.db`, `store-2.db`, … */
  freshFile(name: string): string;
  remove(): void;
}

/** A fresh directory under the system temp dir, and a way to remove it. */
export function makeTempDir(label: string): TempDir {
  const path = mkdtempSync(join(tmpdir(), `skiff-${label}-`));
  let files = 0;
  return {
    path,
    freshFile: (name) => {
      const extension = extname(name);
      return join(path, `${name.slice(0, name.length - extension.length)}-${++files}${extension}`);
    },
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}
