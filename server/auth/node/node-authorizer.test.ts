import { describe, expect, it } from "vitest";
import { TUNNEL_PATH } from "../../../src/tunnel/protocol.js";
import type { ResourceAttributes } from "../authorizer.js";
import type { UserInfo } from "../user.js";
import { nodeAuthorizer, type NodeGraphView } from "./node-authorizer.js";

const node: UserInfo = { name: "system:node:pi-1", groups: ["system:nodes"] };

/** A graph that knows one pod, homelab/web on pi-1, naming the Secret db. */
const graph = (synced: boolean): NodeGraphView => ({
  hasSynced: () => synced,
  podIsBoundTo: (n, namespace, name) => synced && n === "pi-1" && namespace === "homelab" && name === "web",
  isReferencedFrom: (n, resource, namespace, name) => synced && n === "pi-1" && resource === "secrets" && namespace === "homelab" && name === "db",
});

const request = (overrides: Partial<ResourceAttributes>): ResourceAttributes => ({
  kind: "resource",
  user: node,
  verb: "get",
  group: "",
  version: "v1",
  resource: "secrets",
  subresource: "",
  namespace: "homelab",
  name: "db",
  fieldSelector: "",
  labelSelector: "",
  ...overrides,
});

describe("nodeAuthorizer", () => {
  const authorizer = nodeAuthorizer(graph(true));

  it("has no opinion on users who are not nodes", () => {
    expect(authorizer.authorize(request({ user: { name: "jane", groups: [] } }))).toEqual({ decision: "no-opinion" });
    expect(authorizer.authorize(request({ user: { name: "system:node:pi-1", groups: [] } }))).toEqual({ decision: "no-opinion" });
  });

  it("says so when its graph has not read the pods yet", () => {
    expect(nodeAuthorizer(graph(false)).authorize(request({}))).toEqual({
      decision: "no-opinion",
      reason: "the node authorizer has not read the cluster's pods yet; try again",
    });
  });

  it("reads field selectors as the server does: == is =, a bad selector selects nothing it may see", () => {
    const list = (fieldSelector: string) => authorizer.authorize(request({ resource: "pods", verb: "watch", name: "", namespace: "", fieldSelector }));
    expect(list("spec.nodeName==pi-1")).toEqual({ decision: "allow" });
    expect(list("status.phase!=Failed,spec.nodeName=pi-1")).toEqual({ decision: "allow" });
    expect(list("spec.nodeName=pi-1x")).toMatchObject({ decision: "no-opinion" });
    expect(list("spec.nodeName")).toMatchObject({ decision: "no-opinion" });
    const one = (fieldSelector: string) => authorizer.authorize(request({ verb: "watch", name: "", fieldSelector }));
    expect(one("metadata.name=db")).toEqual({ decision: "allow" });
    expect(one("metadata.name!=db")).toMatchObject({ decision: "no-opinion" });
  });

  it("lets a node open the tunnel and read discovery with GET only", () => {
    const path = (verb: string, p: string) => authorizer.authorize({ kind: "nonresource", user: node, verb, path: p });
    expect(path("get", TUNNEL_PATH)).toEqual({ decision: "allow" });
    expect(path("get", "/apis/apps/v1")).toEqual({ decision: "allow" });
    expect(path("post", TUNNEL_PATH)).toMatchObject({ decision: "no-opinion" });
    expect(path("get", "/metrics")).toMatchObject({ decision: "no-opinion" });
  });
});
