import { describe, expect, it } from "vitest";
import { useKubectlServer } from "../support/server-hooks.js";

// kubectl's create generators send protobuf bodies.
const { kubectl, ok } = useKubectlServer();

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

  it("says clearly which kinds it cannot read from protobuf yet", async () => {
    const result = await kubectl(["create", "deployment", "shop", "--image=skiff-test/busybox:1"]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("skiff does not read Deployment (apps/v1) from protobuf; send JSON");
  });
});
