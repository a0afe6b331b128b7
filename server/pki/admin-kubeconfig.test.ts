import { execFile } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadKubeconfig } from "../../src/kubeconfig/load.js";
import { adminServerUrl, writeAdminKubeconfig } from "./admin-kubeconfig.js";
import { ensureServerPki, type ServerPki } from "./server-pki.js";

/*
 * The real kubectl (v1.32) against a tiny HTTPS server that serves with the
 * PKI's serving certificate and checks the admin bearer token: proof that
 * the written kubeconfig, the CA and the serving certificate are what
 * kubectl accepts.
 */

const KUBECTL = "/usr/bin/kubectl";
const VERSION = { major: "1", minor: "32", gitVersion: "v1.32.0+skiff", platform: "linux/amd64" };
const run = promisify(execFile);
const status = (code: number, reason: string) => ({ kind: "Status", apiVersion: "v1", status: "Failure", message: reason, reason, code });

let dir: string;
let pki: ServerPki;
let server: Server;
let port: number;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "skiff-admin-kubeconfig-"));
  pki = await ensureServerPki({ dataDir: join(dir, "data") });
  server = createServer({ cert: pki.serving.certPem, key: pki.serving.keyPem }, (req, res) => {
    res.setHeader("Content-Type", "application/json");
    if (req.headers.authorization !== `Bearer ${pki.adminToken}`) {
      res.statusCode = 401;
      res.end(JSON.stringify(status(401, "Unauthorized")));
      return;
    }
    // kubectl adds ?timeout=5s for --request-timeout.
    if (new URL(req.url ?? "/", "https://127.0.0.1").pathname !== "/version") {
      res.statusCode = 404;
      res.end(JSON.stringify(status(404, "NotFound")));
      return;
    }
    res.end(JSON.stringify(VERSION));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

async function kubectl(kubeconfig: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env };
  delete env.KUBECONFIG;
  try {
    const { stdout, stderr } = await run(
      KUBECTL,
      ["--kubeconfig", kubeconfig, "--cache-dir", join(dir, "kube-cache"), "--request-timeout", "5s", ...args],
      { env: { ...env, HOME: dir }, timeout: 20_000 },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

describe("writeAdminKubeconfig", () => {
  it("writes <dataDir>/admin.kubeconfig, 0600, for https://127.0.0.1:6443 by default", async () => {
    const path = await writeAdminKubeconfig(pki);
    expect(path).toBe(join(dir, "data", "admin.kubeconfig"));
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await loadKubeconfig({ path, env: {} })).toEqual({
      context: "skiff",
      server: "https://127.0.0.1:6443",
      caCertPem: pki.ca.certPem,
      insecureSkipTlsVerify: false,
      token: pki.adminToken,
      namespace: "default",
    });
  });

  it("brackets an IPv6 host", () => {
    expect(adminServerUrl({ host: "::1", port: 7443 })).toBe("https://[::1]:7443");
  });

  it("is accepted by the real kubectl: TLS trusting only the CA, and the admin token", async () => {
    const path = await writeAdminKubeconfig(pki, { port });
    const result = await kubectl(path, "get", "--raw", "/version");
    expect(result).toMatchObject({ code: 0 });
    expect(JSON.parse(result.stdout)).toEqual(VERSION);
  });

  it("with the name localhost too", async () => {
    const path = await writeAdminKubeconfig(pki, { port, host: "localhost" });
    const result = await kubectl(path, "get", "--raw", "/version");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(VERSION);
  });

  it("while kubectl refuses a server whose certificate is not from the kubeconfig's CA", async () => {
    const other = await ensureServerPki({ dataDir: join(dir, "other") });
    const elsewhere = { ...other.paths, adminKubeconfig: join(dir, "other.kubeconfig") };
    const path = await writeAdminKubeconfig({ ...other, paths: elsewhere }, { port });
    const result = await kubectl(path, "get", "--raw", "/version");
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("certificate signed by unknown authority");
  });

  it("while the server refuses a wrong token", async () => {
    const path = await writeAdminKubeconfig(
      { ...pki, adminToken: "wrong", paths: { ...pki.paths, adminKubeconfig: join(dir, "wrong.kubeconfig") } },
      { port },
    );
    const result = await kubectl(path, "get", "--raw", "/version");
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("Unauthorized");
  });
});
