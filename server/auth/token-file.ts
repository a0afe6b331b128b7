import { readFile } from "node:fs/promises";
import { wellKnownGroups, type UserInfo } from "./user.js";

/** A problem with a static token file, naming the file and line. */
export class TokenFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    problem: string,
  ) {
    super(`${file}:${line}: ${problem}`);
    this.name = "TokenFileError";
  }
}

/** Splits one CSV record: fields separated by commas, a field in double quotes may hold commas ("" is a quote). */
function csvFields(line: string): string[] | undefined {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = "";
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (i >= line.length) return undefined;
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += line[i++];
      }
    } else {
      while (i < line.length && line[i] !== ",") field += line[i++];
    }
    fields.push(field.trim());
    if (i >= line.length) return fields;
    if (line[i] !== ",") return undefined;
    i++;
  }
}

/**
 * Reads a static token file as Kubernetes' --token-auth-file: one user per
 * line, `token,user,uid[,"group1,group2"]`; blank lines and lines starting
 * with # are skipped. Every user is also in system:authenticated.
 */
export async function loadTokenFile(file: string): Promise<Array<{ token: string; user: UserInfo }>> {
  const text = await readFile(file, "utf8");
  const entries: Array<{ token: string; user: UserInfo }> = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === "" || raw.trimStart().startsWith("#")) return;
    const fields = csvFields(raw);
    if (fields === undefined) throw new TokenFileError(file, line, "unterminated quoted field");
    const [token = "", name = "", uid = "", groupList = ""] = fields;
    if (fields.length < 3 || fields.length > 4) throw new TokenFileError(file, line, `expected token,user,uid[,groups], got ${fields.length} fields`);
    if (token === "") throw new TokenFileError(file, line, "token: must not be empty");
    if (name === "") throw new TokenFileError(file, line, "user: must not be empty");
    if (seen.has(token)) throw new TokenFileError(file, line, "token: the same token is given for another line");
    seen.add(token);
    const groups = groupList.split(",").map((g) => g.trim()).filter((g) => g !== "");
    if (!groups.includes(wellKnownGroups.authenticated)) groups.push(wellKnownGroups.authenticated);
    entries.push({ token, user: { name, ...(uid ? { uid } : {}), groups } });
  });
  return entries;
}
