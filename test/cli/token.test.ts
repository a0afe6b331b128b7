import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runToken } from "../../src/cli/commands/token.js";
import { UsageError } from "../../src/cli/flags.js";
import { parseJoinToken } from "../../src/join/join-token.js";
import { useTestServer } from "../support/server-hooks.js";
import { runCommand, type CliResult } from "./cli-harness.js";

const { server, kubeconfig } = useTestServer();
const token = (args: string[]): Promise<CliResult> => runCommand(runToken, kubeconfig(), args);

// The binary itself, as main.test.ts runs it.
const root = fileURLToPath(new URL("../..", import.meta.url));
const skiff = (args: string[]): Promise<CliResult> =>
  new Promise((resolve) => {
    execFile("node_modules/.bin/vite-node", ["src/cli/main.ts", ...args], { cwd: root, timeout: 60_000, env: { ...process.env, KUBECONFIG: kubeconfig() } }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr }),
    );
  });

describe("skiff token", () => {
  it("creates a token pinning the server's CA, prints it once, lists it without its secret, and deletes it", async () => {
    const created = await skiff(["token", "create", "--ttl", "2h", "--description", "pi lab"]);
    expect(created).toMatchObject({ code: 0, stderr: "" });
    const parsed = parseJoinToken(created.stdout);
    expect(created.stdout).toBe(`K10${server().server.pki.ca.hash}::${parsed.id}.${parsed.secret}\n`);

    const listed = await token(["list"]);
    expect(listed.code).toBe(0);
    const lines = listed.stdout.split("\n");
    expect(lines[0]).toMatch(/^ID {7}DESCRIPTION {3}EXPIRES$/);
    const row = lines.find((line) => line.startsWith(parsed.id));
    expect(row).toMatch(new RegExp(`^${parsed.id} {3}pi lab {8}\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$`));
    const expires = Date.parse(row!.split(/ {2,}/)[2]!);
    expect(expires - Date.now()).toBeGreaterThan(2 * 3600_000 - 60_000);
    expect(expires - Date.now()).toBeLessThanOrEqual(2 * 3600_000);
    expect(listed.stdout).not.toContain(parsed.secret);

    expect(await token(["delete", parsed.id])).toEqual({ code: 0, stdout: `join token "${parsed.id}" deleted\n`, stderr: "" });
    expect((await token(["list"])).stdout).not.toContain(parsed.id);
  });

  it("makes tokens that never expire with --ttl 0, shown as <never>; no description shows as <none>", async () => {
    const created = await token(["create", "--ttl", "0"]);
    const { id } = parseJoinToken(created.stdout);
    const row = (await token(["list"])).stdout.split("\n").find((line) => line.startsWith(id));
    expect(row).toMatch(new RegExp(`^${id} {3}<none> {8}<never>$`));
    await token(["delete", id]);
  });

  it("says when there are no tokens, refuses an unknown id as the server does, and is in skiff's help", async () => {
    for (const line of (await token(["list"])).stdout.split("\n").slice(1)) {
      if (line !== "") await token(["delete", line.split(" ")[0]!]);
    }
    expect(await token(["list"])).toEqual({ code: 0, stdout: "", stderr: "No join tokens found.\n" });
    const [missing, help] = await Promise.all([skiff(["token", "delete", "abc123"]), skiff(["--help"])]);
    expect(help.stdout).toMatch(/\n  token +create, list and delete join tokens/);
    expect(missing).toEqual({
      code: 1,
      stdout: "",
      stderr: 'Error from server (NotFound): jointokens.skiff "abc123" not found\n',
    });
  });

  it("checks its flags and arguments before asking the server", async () => {
    await expect(token([])).rejects.toThrow(/name a subcommand: create, list or delete/);
    await expect(token(["revoke"])).rejects.toThrow(/unknown subcommand "revoke"/);
    await expect(token(["create", "--ttl", "soon"])).rejects.toThrow(/--ttl: must be a duration of 1s or more/);
    await expect(token(["create", "--ttl", "500ms"])).rejects.toThrow(UsageError);
    await expect(token(["delete"])).rejects.toThrow(/name the tokens to delete/);
    await expect(token(["delete", "../x"])).rejects.toThrow(/"..\/x" is not a token id/);
  });
});
