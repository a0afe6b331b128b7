import { describe, expect, it } from "vitest";
import { TUNNEL_PATH } from "../../../src/tunnel/protocol.js";
import { parseRequestInfo } from "./request-info.js";

describe("parseRequestInfo", () => {
  const resource = (method: string, path: string, watch: string | null = null) => parseRequestInfo(method, path, watch);

  it("reads core and named-group paths", () => {
    expect(resource("GET", "/api/v1/namespaces/default/pods/web-1")).toEqual({
      kind: "resource",
      verb: "get",
      group: "",
      version: "v1",
      namespace: "default",
      resource: "pods",
      name: "web-1",
      subresource: "",
    });
    expect(resource("POST", "/apis/apps/v1/namespaces/prod/deployments")).toMatchObject({
      verb: "create",
      group: "apps",
      version: "v1",
      namespace: "prod",
      resource: "deployments",
      name: "",
    });
  });

  it("tells list, watch and deletecollection apart", () => {
    expect(resource("GET", "/api/v1/pods")).toMatchObject({ verb: "list", namespace: "", resource: "pods" });
    expect(resource("GET", "/api/v1/pods", "1")).toMatchObject({ verb: "watch" });
    expect(resource("GET", "/api/v1/pods", "true")).toMatchObject({ verb: "watch" });
    expect(resource("GET", "/api/v1/pods", "false")).toMatchObject({ verb: "list" });
    expect(resource("GET", "/api/v1/watch/namespaces/a/pods")).toMatchObject({ verb: "watch", namespace: "a" });
    expect(resource("DELETE", "/api/v1/namespaces/a/pods")).toMatchObject({ verb: "deletecollection" });
    expect(resource("DELETE", "/api/v1/namespaces/a/pods/p")).toMatchObject({ verb: "delete", name: "p" });
  });

  it("reads subresources", () => {
    expect(resource("PATCH", "/apis/apps/v1/namespaces/a/deployments/web/scale")).toMatchObject({
      verb: "patch",
      name: "web",
      subresource: "scale",
    });
    expect(resource("PUT", "/api/v1/nodes/n1/status")).toMatchObject({
      verb: "update",
      namespace: "",
      resource: "nodes",
      name: "n1",
      subresource: "status",
    });
  });

  it("treats /namespaces/{name} as the Namespace object", () => {
    expect(resource("GET", "/api/v1/namespaces/kube-system")).toMatchObject({
      verb: "get",
      namespace: "",
      resource: "namespaces",
      name: "kube-system",
    });
    expect(resource("PUT", "/api/v1/namespaces/gone/finalize")).toMatchObject({
      resource: "namespaces",
      name: "gone",
      subresource: "finalize",
    });
    expect(resource("GET", "/api/v1/namespaces")).toMatchObject({ verb: "list", resource: "namespaces" });
  });

  it("leaves everything else to non-resource handlers", () => {
    for (const path of ["/version", "/api", "/apis", "/api/v1", "/apis/apps/v1", "/openapi/v3", "/healthz"]) {
      expect(resource("GET", path).kind).toBe("nonresource");
    }
    expect(resource("GET", "/api/v1/namespaces/a/pods/p/log/extra").kind).toBe("nonresource");
    expect(resource("OPTIONS", "/api/v1/pods").kind).toBe("nonresource");
    expect(resource("GET", TUNNEL_PATH)).toEqual({ kind: "nonresource", path: TUNNEL_PATH, verb: "get" });
  });
});
