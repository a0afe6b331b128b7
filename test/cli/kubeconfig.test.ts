import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { runGet } from "../../src/cli/commands/get.js";
import { runKubeconfig } from "../../src/cli/commands/kubeconfig.js";
import { UsageError } from "../../src/cli/flags.js";
import { KubeconfigError } from "../../src/kubeconfig/errors.js";
import { kubectlRunner } from "../support/kubectl.js";
import { useTestServer } from "../support/server-hooks.js";
import { useTempDir } from "../support/temp-dir.js";
import { CapturedIo, runCommand } from "./cli-harness.js";

const { server, kubeconfig: adminKubeconfig } = useTestServer();
const scratch = useTempDir("skiff-cli-kubeconfig-");

async function kubeconfig(args: string[]): Promise<string> {
  const io = new CapturedIo();
  expect(await runKubeconfig(args, io)).toBe(0);
  expect(io.stderrText).toBe("");
  return io.stdoutText;
}

describe("skiff kubeconfig", () => {
  it("prints the admin kubeconfig the server wrote", async () => {
    expect(await kubeconfig(["--data-dir", server().dataDir])).toBe(await readFile(adminKubeconfig(), "utf8"));
  });

  it("replaces the server URL, and the result works for kubectl and skiff", async () => {
    // localhost is in the serving certificate, and is another name than the file's 127.0.0.1.
    const url = new URL(server().server.url);
    const elsewhere = `https://localhost:${url.port}`;
    const text = await kubeconfig(["--data-dir", server().dataDir, "--server", `${elsewhere}/`]);
    expect(parse(text).clusters[0].cluster.server).toBe(elsewhere);
    const path = join(scratch(), "remote.kubeconfig");
    await writeFile(path, text);
    const kubectl = await kubectlRunner(path);
    expect((await kubectl(["get", "namespace", "default", "-o", "name"])).stdout).toBe("namespace/default\n");
    expect(await runCommand(runGet, path, ["namespace", "default", "-o", "name"])).toEqual({ code: 0, stdout: "namespace/default\n", stderr: "" });
  });

  it("says where it looked when there is no kubeconfig, and refuses a URL that is not https", async () => {
    const missing = join(scratch(), "no-server-here");
    await expect(kubeconfig(["--data-dir", missing])).rejects.toThrow(KubeconfigError);
    await expect(kubeconfig(["--data-dir", missing])).rejects.toThrow(`${missing}/admin.kubeconfig: does not exist`);
    await expect(kubeconfig(["--data-dir", server().dataDir, "--server", "http://10.0.0.5:6443"])).rejects.toThrow(UsageError);
  });
});
