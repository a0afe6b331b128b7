import { execFile } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** One kubectl invocation: its arguments after the connection flags, and what to write to its stdin. */
export type Kubectl = (args: string[], stdin?: string) => Promise<KubectlResult>;

/**
 * Runs the real kubectl (the client no one here wrote) against a kubeconfig,
 * with a fresh discovery cache so every test sees the server as it is now.
 */
export async function kubectlRunner(kubeconfig: string): Promise<Kubectl> {
  const cacheDir = await mkdtemp(join(tmpdir(), "skiff-kubectl-cache-"));
  return (args, stdin) =>
    new Promise((resolve) => {
      const child = execFile(
        "kubectl",
        ["--kubeconfig", kubeconfig, "--cache-dir", cacheDir, "--request-timeout", "20s", ...args],
        { timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
          resolve({ code, stdout, stderr });
        },
      );
      if (stdin !== undefined) child.stdin?.end(stdin);
      else child.stdin?.end();
    });
}
