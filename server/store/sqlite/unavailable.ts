import Database from "better-sqlite3";
import { StoreUnavailableError } from "../errors.js";

// What an operator should read for the SQLite result codes that mean the
// file cannot be used; anything else keeps SQLite's own words.
const reasons: Record<string, string> = {
  SQLITE_BUSY: "database is locked by another process or connection",
  SQLITE_LOCKED: "database is locked by another process or connection",
  SQLITE_NOTADB: "file is not a SQLite database (corrupt or foreign file)",
  SQLITE_CORRUPT: "database file is corrupt",
  SQLITE_FULL: "disk full or store quota reached; the write was not made",
  SQLITE_CANTOPEN: "cannot open the database file (does its directory exist and is it writable?)",
  SQLITE_READONLY: "database file is read-only",
  SQLITE_PERM: "no permission to use the database file",
};

/**
 * Turns any failure of the SQLite file into a StoreUnavailableError that
 * names the path and says what is wrong in plain words, keeping the
 * original error as the cause.
 */
export function unavailable(path: string, error: unknown): StoreUnavailableError {
  if (error instanceof StoreUnavailableError) return error;
  if (error instanceof Database.SqliteError) {
    const base = error.code.startsWith("SQLITE_IOERR") ? "I/O error on the database file" : reasons[error.code];
    const message = base === undefined ? error.message : `${base} (${error.code}: ${error.message})`;
    return new StoreUnavailableError(path, message, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new StoreUnavailableError(path, message, { cause: error });
}
