import Database from "better-sqlite3";

/** SQLite's own check of a store file, opened read-only: "ok" when every page and index is whole. */
export function integrityCheck(path: string): unknown {
  const db = new Database(path, { readonly: true });
  try {
    return db.pragma("integrity_check", { simple: true });
  } finally {
    db.close();
  }
}
