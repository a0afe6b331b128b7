import { readdir, readFile, stat } from "node:fs/promises";

export type EntryKind = "file" | "directory" | "other";

/** What the manifest reader needs from the world; tests pass their own. */
export interface ManifestFileSystem {
  /** What `path` is, following symbolic links; rejects when it cannot be inspected. */
  kind(path: string): Promise<EntryKind>;
  /** A directory's entries, not following symbolic links (so a link counts as a file). */
  list(directory: string): Promise<Array<{ name: string; kind: EntryKind }>>;
  readText(path: string): Promise<string>;
  readStdin(): Promise<string>;
}

function kindOf(entry: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): EntryKind {
  if (entry.isDirectory()) return "directory";
  return entry.isFile() || entry.isSymbolicLink() ? "file" : "other";
}

/** The real file system and the process's standard input. */
export const nodeFileSystem: ManifestFileSystem = {
  kind: async (path) => kindOf(await stat(path)),
  list: async (directory) =>
    (await readdir(directory, { withFileTypes: true })).map((entry) => ({ name: entry.name, kind: kindOf(entry) })),
  readText: (path) => readFile(path, "utf8"),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    return Buffer.concat(chunks).toString("utf8");
  },
};
