import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { useTestServer } from "../support/server-hooks.js";
import type { CliResult } from "./cli-harness.js";

// The `skiff` binary itself (its TypeScript run by vite-node, no build
// needed): exit codes and the one error line, as a shell sees them.
const root = fileURLToPath(new URL("../..", import.meta.url));
const { kubeconfig } = useTestServer();

function skiff(args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      "node_modules/.bin/vite-node",
      ["src/cli/main.ts", ...args],
      { cwd: root, timeout: 60_000, env: { ...process.env, KUBECONFIG: kubeconfig() } },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

describe("the skiff binary", () => {
  it("prints a server error as one line and exits 1; a usage error with the usage and exits 2", async () => {
    const [missing, unknownType, noType, noName, help] = await Promise.all([
      skiff(["get", "pods", "nope"]),
      skiff(["describe", "widgets", "x"]),
      skiff(["get"]),
      skiff(["delete", "pods"]),
      skiff(["--help"]),
    ]);
    expect(missing).toEqual({ code: 1, stdout: "", stderr: 'Error from server (NotFound): pods "nope" not found\n' });
    expect(unknownType).toEqual({ code: 1, stdout: "", stderr: 'skiff describe: the server doesn\'t have a resource type "widgets"\n' });
    expect(noType.code).toBe(2);
    expect(noType.stderr).toMatch(/^skiff get: you must specify the type of resource\nusage: skiff get /);
    expect(noName.code).toBe(2);
    expect(noName.stderr).toMatch(/^skiff delete: resource\(s\) were provided, but no name was specified/);
    for (const command of ["get", "describe", "delete", "scale", "kubeconfig"]) expect(help.stdout).toMatch(new RegExp(`\\n  ${command} +\\S`));
  });
});
