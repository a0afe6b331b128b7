import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useTempDir } from "../../test/support/temp-dir.js";
import { loadTokenFile, TokenFileError } from "./token-file.js";

describe("loadTokenFile", () => {
  const dir = useTempDir("skiff-token-file-");
  it("reads users with quoted group lists, skipping comments and blank lines", async () => {
    {
      const file = join(dir(), "tokens.csv");
      await writeFile(file, '# users\n\nt1,jane,u-1,"dev,ops"\nt2,bob,\n');
      expect(await loadTokenFile(file)).toEqual([
        { token: "t1", user: { name: "jane", uid: "u-1", groups: ["dev", "ops", "system:authenticated"] } },
        { token: "t2", user: { name: "bob", groups: ["system:authenticated"] } },
      ]);
    }
  });

  it.each([
    ["t1,jane\n", "tokens.csv:1: expected token,user,uid[,groups], got 2 fields"],
    ['ok,a,1\nt1,jane,1,"dev\n', 'tokens.csv:2: unterminated quoted field'],
    [",jane,1\n", "tokens.csv:1: token: must not be empty"],
    ["t,,1\n", "tokens.csv:1: user: must not be empty"],
    ["t,a,1\nt,b,2\n", "tokens.csv:2: token: the same token is given for another line"],
  ])("names the file, line and field of a bad line: %j", async (content, message) => {
    {
      const file = join(dir(), "tokens.csv");
      await writeFile(file, content);
      const error = await loadTokenFile(file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TokenFileError);
      expect((error as Error).message).toBe(`${file.slice(0, -"tokens.csv".length)}${message}`);
    }
  });
});
