import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { KubeconfigError } from "./errors.js";
import { parseKubeconfig } from "./parse.js";
import { renderKubeconfig, tokenKubeconfig } from "./render.js";

const CA_PEM = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n";

function parseError(text: string): KubeconfigError {
  try {
    parseKubeconfig(text, "/home/me/.kube/config");
  } catch (error) {
    if (error instanceof KubeconfigError) return error;
    throw error;
  }
  return expect.fail("expected a KubeconfigError");
}

describe("renderKubeconfig(tokenKubeconfig(...))", () => {
  const config = tokenKubeconfig({ server: "https://127.0.0.1:6443", caCertPem: CA_PEM, token: "-abc_DEF" });

  it("writes the layout kubectl reads, everything named skiff", () => {
    expect(parse(renderKubeconfig(config))).toEqual({
      apiVersion: "v1",
      kind: "Config",
      clusters: [
        {
          name: "skiff",
          cluster: {
            server: "https://127.0.0.1:6443",
            "certificate-authority-data": Buffer.from(CA_PEM).toString("base64"),
          },
        },
      ],
      users: [{ name: "skiff", user: { token: "-abc_DEF" } }],
      contexts: [{ name: "skiff", context: { cluster: "skiff", user: "skiff" } }],
      "current-context": "skiff",
    });
  });

  it("never folds the base64 line", () => {
    const long = tokenKubeconfig({ server: "https://h:1", caCertPem: CA_PEM.repeat(20), token: "t" });
    const line = renderKubeconfig(long)
      .split("\n")
      .find((l) => l.includes("certificate-authority-data"));
    expect(line).toContain(Buffer.from(CA_PEM.repeat(20)).toString("base64"));
  });

  it("parses back to the same kubeconfig", () => {
    expect(parseKubeconfig(renderKubeconfig(config), "admin.kubeconfig")).toEqual(config);
  });
});

describe("parseKubeconfig", () => {
  it("reads a kubeconfig as other tools write it, ignoring fields skiff does not use", () => {
    const config = parseKubeconfig(
      `apiVersion: v1
kind: Config
preferences: {}
clusters:
- cluster:
    certificate-authority: /home/me/.minikube/ca.crt
    extensions:
    - extension:
        provider: minikube.sigs.k8s.io
      name: cluster_info
    server: https://192.168.49.2:8443
  name: minikube
contexts:
- context:
    cluster: minikube
    namespace: default
    user: minikube
  name: minikube
current-context: minikube
users:
- name: minikube
  user:
    client-certificate: /home/me/.minikube/profiles/minikube/client.crt
    client-key: /home/me/.minikube/profiles/minikube/client.key
`,
      "config",
    );
    expect(config.clusters).toEqual([
      { name: "minikube", cluster: { server: "https://192.168.49.2:8443", "certificate-authority": "/home/me/.minikube/ca.crt" } },
    ]);
    expect(config.users[0]?.user["client-key"]).toBe("/home/me/.minikube/profiles/minikube/client.key");
    expect(config["current-context"]).toBe("minikube");
  });

  it("takes null lists and an empty file as empty", () => {
    expect(parseKubeconfig("apiVersion: v1\nclusters: null\nusers: null\ncontexts: null\n", "x")).toMatchObject({
      clusters: [],
      users: [],
      contexts: [],
    });
    expect(parseKubeconfig("", "x")).toEqual({ clusters: [], users: [], contexts: [] });
  });

  it("names the file and the YAML problem", () => {
    const error = parseError("clusters: [\n");
    expect(error.source).toBe("/home/me/.kube/config");
    expect(error.message).toMatch(/^\/home\/me\/\.kube\/config: is not valid YAML: /);
  });

  it("refuses a document that is not a mapping", () => {
    expect(parseError("- a\n- b\n").detail).toContain("expected a mapping");
  });

  it("reports every bad field by path, never showing values", () => {
    const error = parseError(`kind: Pod
clusters:
- name: home
  cluster:
    server: 6443
    certificate-authority-data: "not base64!"
contexts:
- context:
    cluster: home
users:
- name: me
  user:
    token: 12345
`);
    expect(error.causes).toEqual([
      'kind: Invalid value: expected "Config"',
      "clusters[0].cluster.server: Invalid value: expected string, received number",
      "clusters[0].cluster.certificate-authority-data: Invalid value: must be base64 data",
      "users[0].user.token: Invalid value: expected string, received number",
      "contexts[0].name: Required value",
    ]);
    expect(error.message).not.toContain("12345");
    expect(error.message).not.toContain("not base64!");
  });
});
