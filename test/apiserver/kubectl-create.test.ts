import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pkiPaths } from "../../server/pki/paths.js";
import { useKubectlServer } from "../support/server-hooks.js";

// kubectl's create generators send protobuf bodies.
const { kubectl, ok, server } = useKubectlServer();

describe("kubectl create generators (protobuf bodies)", () => {
  it("creates a namespace", async () => {
    expect(await ok(["create", "namespace", "team-a"])).toBe("namespace/team-a created\n");
    expect(await ok(["get", "namespace", "team-a", "-o", "jsonpath={.status.phase} {.spec.finalizers[0]}"])).toBe("Active kubernetes");
  });

  it("creates a configmap from literals, with labels kept", async () => {
    expect(await ok(["create", "configmap", "literal", "--from-literal=mode=fast", "--from-literal=level=3"])).toBe("configmap/literal created\n");
    expect(await ok(["get", "configmap", "literal", "-o", "jsonpath={.data}"])).toBe('{"level":"3","mode":"fast"}');
    await ok(["label", "configmap", "literal", "tier=web"]);
    expect(await ok(["get", "configmap", "literal", "-o", "jsonpath={.metadata.labels.tier}"])).toBe("web");
  });

  it("creates a generic secret and a service account", async () => {
    expect(await ok(["create", "secret", "generic", "creds", "--from-literal=password=hunter2"])).toBe("secret/creds created\n");
    expect(await ok(["get", "secret", "creds", "-o", "jsonpath={.type} {.data.password}"])).toBe("Opaque aHVudGVyMg==");
    expect(await ok(["create", "serviceaccount", "robot"])).toBe("serviceaccount/robot created\n");
  });

  it("creates a configmap from files: text as data, other bytes as binaryData", async () => {
    const dir = await mkdtemp(join(tmpdir(), "skiff-configmap-"));
    await writeFile(join(dir, "blob"), Uint8Array.from([0x00, 0xff, 0xfe, 0x80]));
    await writeFile(join(dir, "motd"), "hello\n");
    expect(await ok(["create", "configmap", "files", `--from-file=${join(dir, "blob")}`, `--from-file=${join(dir, "motd")}`])).toBe("configmap/files created\n");
    const stored = JSON.parse(await ok(["get", "configmap", "files", "-o", "json"])) as unknown;
    expect(stored).toMatchObject({ data: { motd: "hello\n" }, binaryData: { blob: "AP/+gA==" } });
  });

  it("creates TLS and registry secrets, their types and keys intact", async () => {
    // Any matching certificate and key will do: the server's own CA pair.
    const pki = pkiPaths(server().dataDir);
    expect(await ok(["create", "secret", "tls", "tls", `--cert=${pki.caCert}`, `--key=${pki.caKey}`])).toBe("secret/tls created\n");
    const tls = JSON.parse(await ok(["get", "secret", "tls", "-o", "json"])) as { type: string; data: Record<string, string> };
    expect(tls.type).toBe("kubernetes.io/tls");
    expect(Buffer.from(tls.data["tls.crt"] ?? "", "base64").toString()).toBe(server().admin.caPem);
    await ok(["create", "secret", "docker-registry", "pull", "--docker-server=registry.home.arpa", "--docker-username=u", "--docker-password=p"]);
    const pull = JSON.parse(await ok(["get", "secret", "pull", "-o", "json"])) as { type: string; data: Record<string, string> };
    expect(pull.type).toBe("kubernetes.io/dockerconfigjson");
    expect(JSON.parse(Buffer.from(pull.data[".dockerconfigjson"] ?? "", "base64").toString())).toMatchObject({
      auths: { "registry.home.arpa": { username: "u", password: "p" } },
    });
  });

  // The same generator once as protobuf (kubectl's create) and once as JSON (its --dry-run output sent
  // back with create -f): the server must store the same object both ways.
  async function sameAsJson(kind: string, generator: string[], command: string[] = []): Promise<Record<string, unknown>> {
    const [viaProtobuf, viaJson] = ["pb", "js"].map((suffix) => `${generator[0]}-${suffix}`);
    const rest = generator.slice(1);
    await ok(["create", ...kindWords(kind), viaProtobuf!, ...rest, ...command]);
    const json = await ok(["create", ...kindWords(kind), viaJson!, ...rest, "--dry-run=client", "-o", "json", ...command]);
    await ok(["create", "-f", "-"], json);
    const stored = async (name: string): Promise<Record<string, unknown>> => {
      const object = JSON.parse(await ok(["get", kind.split(" ")[0]!, name, "-o", "json"])) as Record<string, unknown>;
      const uid = (object.metadata as { uid: string }).uid;
      return JSON.parse(JSON.stringify({ spec: object.spec, labels: (object.metadata as { labels?: unknown }).labels }).replaceAll(name, "NAME").replaceAll(uid, "UID"));
    };
    const fromProtobuf = await stored(viaProtobuf!);
    expect(fromProtobuf).toEqual(await stored(viaJson!));
    return fromProtobuf;
  }
  const kindWords = (kind: string): string[] => kind.split(" ");

  it("creates a deployment with replicas and a port, as its JSON twin", async () => {
    const stored = await sameAsJson("deployment", ["shop", "--image=skiff-test/busybox:1", "--replicas=3", "--port=8080"]);
    expect(stored).toMatchObject({
      labels: { app: "NAME" },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: "NAME" } },
        strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } },
        template: { spec: { containers: [{ name: "busybox", image: "skiff-test/busybox:1", ports: [{ containerPort: 8080, protocol: "TCP" }] }] } },
      },
    });
  });

  it("keeps replicas 0, which protobuf tells apart from unset, and several images", async () => {
    expect((await sameAsJson("deployment", ["idle", "--image=skiff-test/busybox:1", "--replicas=0"])).spec).toMatchObject({ replicas: 0 });
    const two = await sameAsJson("deployment", ["pair", "--image=skiff-test/busybox:1", "--image=skiff-test/pause:1"]);
    expect(two).toMatchObject({ spec: { replicas: 1, template: { spec: { containers: [{ name: "busybox" }, { name: "pause" }] } } } });
  });

  it("creates a job with a command", async () => {
    const stored = await sameAsJson("job", ["once", "--image=skiff-test/busybox:1"], ["--", "sh", "-c", "echo hi"]);
    expect(stored).toMatchObject({
      spec: { completions: 1, parallelism: 1, backoffLimit: 6, template: { spec: { restartPolicy: "Never", containers: [{ command: ["sh", "-c", "echo hi"] }] } } },
    });
  });

  it("creates services of every type", async () => {
    const cluster = await sameAsJson("service clusterip", ["api", "--tcp=80:8080", "--tcp=443"]);
    expect(cluster).toMatchObject({
      spec: {
        type: "ClusterIP",
        selector: { app: "NAME" },
        ports: [
          { name: "80-8080", port: 80, targetPort: 8080, protocol: "TCP" },
          { name: "443", port: 443, targetPort: 443, protocol: "TCP" },
        ],
      },
    });
    const headless = await sameAsJson("service clusterip", ["quiet", "--clusterip=None"]);
    expect(headless).toMatchObject({ spec: { clusterIP: "None" } });
    const nodePort = JSON.parse(await ok(["create", "service", "nodeport", "edge", "--tcp=80:8080", "--node-port=30080", "-o", "json"])) as unknown;
    expect(nodePort).toMatchObject({ spec: { type: "NodePort", ports: [{ port: 80, targetPort: 8080, nodePort: 30080 }] } });
    expect(await sameAsJson("service loadbalancer", ["front", "--tcp=443:8443"])).toMatchObject({
      spec: { type: "LoadBalancer", ports: [{ port: 443, targetPort: 8443 }] },
    });
    expect(await sameAsJson("service externalname", ["mail", "--external-name=mail.example.com"])).toMatchObject({
      spec: { type: "ExternalName", externalName: "mail.example.com" },
    });
  });

  it("runs a pod with a port, env and labels (kubectl run sends JSON)", async () => {
    expect(await ok(["run", "solo", "--image=skiff-test/busybox:1", "--port=80", "--env=MODE=fast", "--labels=tier=web"])).toBe("pod/solo created\n");
    const pod = JSON.parse(await ok(["get", "pod", "solo", "-o", "json"])) as unknown;
    expect(pod).toMatchObject({
      metadata: { labels: { tier: "web" } },
      spec: { containers: [{ name: "solo", image: "skiff-test/busybox:1", ports: [{ containerPort: 80 }], env: [{ name: "MODE", value: "fast" }] }] },
    });
  });

  it("creates a SelfSubjectAccessReview from a file with default validation", async () => {
    // No v3 document describes the access reviews, so kubectl validates the file against /openapi/v2 first.
    const review = "apiVersion: authorization.k8s.io/v1\nkind: SelfSubjectAccessReview\nspec:\n  resourceAttributes: {verb: delete, resource: nodes}\n";
    expect(await ok(["create", "-f", "-", "-o", "jsonpath={.status.allowed} {.spec.resourceAttributes.resource}"], review)).toBe("true nodes");
  });

  it("says clearly which kinds skiff does not serve", async () => {
    const generators = [
      ["quota", "q", "--hard=pods=3"],
      ["priorityclass", "high", "--value=1000"],
      ["poddisruptionbudget", "pdb", "--selector=app=a", "--min-available=1"],
      ["cronjob", "nightly", "--image=skiff-test/busybox:1", "--schedule=0 3 * * *"],
      ["ingress", "web", "--rule=shop.example.com/=shop:80"],
    ];
    const unserved = ["resourcequotas", "priorityclasses.scheduling.k8s.io", "poddisruptionbudgets.policy", "cronjobs.batch", "ingresses.networking.k8s.io"];
    for (const [i, generator] of generators.entries()) {
      const result = await kubectl(["create", ...generator]);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain(`the server could not find the requested resource (skiff does not serve ${unserved[i]})`);
    }
  });
});
