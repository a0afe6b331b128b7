import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { KubeconfigError } from "./errors.js";
import { loadKubeconfig, readKubeconfig } from "./load.js";
import { renderKubeconfig, tokenKubeconfig } from "./render.js";

const CA_PEM = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "skiff-kubeconfig-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await mkdir(join(path, ".."), { recursive: true });
  await writeFile(path, text);
  return path;
}

async function failure(promise: Promise<unknown>): Promise<KubeconfigError> {
  const error = await promise.then(
    () => expect.fail("expected a KubeconfigError"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KubeconfigError);
  return error as KubeconfigError;
}

/** A kubeconfig whose current context `c` uses cluster `k` (when given) and user `userName` (when given). */
function oneContext(parts: { cluster?: object; userName?: string; user?: object }): string {
  return stringify({
    clusters: parts.cluster ? [{ name: "k", cluster: parts.cluster }] : [],
    users: parts.userName && parts.user ? [{ name: parts.userName, user: parts.user }] : [],
    contexts: [{ name: "c", context: { cluster: "k", ...(parts.userName ? { user: parts.userName } : {}) } }],
    "current-context": "c",
  });
}

const admin = (server: string, token: string, name = "skiff"): string =>
  renderKubeconfig(tokenKubeconfig({ server, caCertPem: CA_PEM, token, name }));

describe("loadKubeconfig, finding the file", () => {
  it("reads the file given, its current context, with the CA decoded", async () => {
    const path = await write("admin.kubeconfig", admin("https://127.0.0.1:6443", "secret"));
    expect(await loadKubeconfig({ path, env: {} })).toEqual({
      context: "skiff",
      server: "https://127.0.0.1:6443",
      caCertPem: CA_PEM,
      insecureSkipTlsVerify: false,
      token: "secret",
      namespace: "default",
    });
  });

  it("names a missing --kubeconfig file", async () => {
    const path = join(dir, "nope");
    const error = await failure(loadKubeconfig({ path, env: { KUBECONFIG: "/ignored" } }));
    expect(error.message).toBe(`${path}: does not exist`);
  });

  it("merges the KUBECONFIG files that exist, the first to name an entry winning", async () => {
    const first = await write("a/config", admin("https://first:6443", "first-token"));
    const second = await write("b/config", admin("https://second:6443", "second-token"));
    const third = await write("c/config", admin("https://third:6443", "third-token", "other"));
    const env = { KUBECONFIG: [join(dir, "missing"), first, second, third].join(delimiter) };

    const { config, source } = await readKubeconfig({ env });
    expect(source).toBe([join(dir, "missing"), first, second, third].join(delimiter));
    expect(config.clusters.map((c) => [c.name, c.cluster.server])).toEqual([
      ["skiff", "https://first:6443"],
      ["other", "https://third:6443"],
    ]);
    expect((await loadKubeconfig({ env })).token).toBe("first-token");
    expect(await loadKubeconfig({ env, context: "other" })).toMatchObject({ server: "https://third:6443", token: "third-token" });
  });

  it("says when no KUBECONFIG file exists", async () => {
    const error = await failure(loadKubeconfig({ env: { KUBECONFIG: join(dir, "x") } }));
    expect(error.detail).toBe("(from KUBECONFIG) does not exist");
  });

  it("falls back to ~/.kube/config", async () => {
    await write(".kube/config", admin("https://home:6443", "home-token"));
    expect(await loadKubeconfig({ env: { HOME: dir } })).toMatchObject({ server: "https://home:6443" });
    await rm(join(dir, ".kube"), { recursive: true });
    const error = await failure(loadKubeconfig({ env: { HOME: dir } }));
    expect(error.message).toBe(`${join(dir, ".kube", "config")}: does not exist: pass --kubeconfig or set KUBECONFIG`);
  });
});

describe("loadKubeconfig, using the context", () => {
  it("reads files named relative to the kubeconfig's own folder", async () => {
    await write("certs/ca.crt", CA_PEM);
    await write("certs/client.crt", "CERT");
    await write("certs/client.key", "KEY");
    await write("certs/token", "file-token\n");
    const path = await write(
      "conf/config",
      `clusters:
- name: lab
  cluster: { server: "https://lab:6443", certificate-authority: ../certs/ca.crt, tls-server-name: api.lab }
users:
- name: cert-user
  user: { client-certificate: ../certs/client.crt, client-key: ../certs/client.key }
- name: token-user
  user: { tokenFile: ../certs/token }
contexts:
- name: by-cert
  context: { cluster: lab, user: cert-user, namespace: apps }
- name: by-token
  context: { cluster: lab, user: token-user }
current-context: by-cert
`,
    );
    expect(await loadKubeconfig({ path, env: {} })).toEqual({
      context: "by-cert",
      server: "https://lab:6443",
      caCertPem: CA_PEM,
      insecureSkipTlsVerify: false,
      tlsServerName: "api.lab",
      clientCertPem: "CERT",
      clientKeyPem: "KEY",
      namespace: "apps",
    });
    expect(await loadKubeconfig({ path, env: {}, context: "by-token" })).toMatchObject({ token: "file-token" });
  });

  it.each([
    ["no current context", "clusters: []\n", undefined, "names no context: current-context is not set and no context was given"],
    ["an unknown context", admin("https://h:1", "t"), "prod", 'has no context "prod"'],
    ["a context whose cluster is missing", oneContext({}), undefined, 'has no cluster "k" (used by context "c")'],
    [
      "a context whose user is missing",
      oneContext({ cluster: { server: "https://h:1" }, userName: "u" }),
      undefined,
      'has no user "u" (used by context "c")',
    ],
    ["a cluster without server", oneContext({ cluster: {} }), undefined, 'cluster "k" has no server'],
    [
      "a server that is not http(s)",
      oneContext({ cluster: { server: "unix:///run/x.sock" } }),
      undefined,
      'cluster "k" has server "unix:///run/x.sock": only https:// and http:// are supported',
    ],
    [
      "a user with only an exec plugin",
      oneContext({ cluster: { server: "https://h:1" }, userName: "u", user: { exec: { command: "gke-gcloud-auth-plugin" } } }),
      undefined,
      'user "u" authenticates with an exec plugin or auth provider, which skiff does not run; ' +
        "use a token or a client certificate",
    ],
  ])("refuses %s", async (_what, text, context, detail) => {
    const path = await write("config", text);
    const error = await failure(loadKubeconfig({ path, env: {}, ...(context ? { context } : {}) }));
    expect(error.source).toBe(path);
    expect(error.detail).toBe(detail);
  });

  it("names a referenced file that cannot be read, and where it was named", async () => {
    const path = await write("config", oneContext({ cluster: { server: "https://h:1", "certificate-authority": "ca.crt" } }));
    const error = await failure(loadKubeconfig({ path, env: {} }));
    const ca = join(dir, "ca.crt");
    expect(error.message).toBe(`${ca}: cannot be read (ENOENT); it is the CA of cluster "k" named in ${path}`);
  });
});
