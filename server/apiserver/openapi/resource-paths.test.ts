import { describe, expect, it } from "vitest";
import type { Operation, PathItem } from "./openapi-types.js";
import { resourcePaths, type PathResource } from "./resource-paths.js";

const pods: PathResource = {
  gvk: { group: "", version: "v1", kind: "Pod" },
  resource: "pods",
  namespaced: true,
  subresources: ["status"],
  schemaName: "io.k8s.api.core.v1.Pod",
  listSchemaName: "io.k8s.api.core.v1.PodList",
};

const clusterRoles: PathResource = {
  gvk: { group: "rbac.authorization.k8s.io", version: "v1", kind: "ClusterRole" },
  resource: "clusterroles",
  namespaced: false,
  subresources: [],
  schemaName: "io.k8s.api.rbac.v1.ClusterRole",
  listSchemaName: "io.k8s.api.rbac.v1.ClusterRoleList",
};

const operations = (item: PathItem): Array<[string, Operation]> =>
  (["get", "put", "post", "delete", "patch"] as const).flatMap((method) => {
    const op = item[method];
    return op ? [[method, op] as [string, Operation]] : [];
  });

describe("resourcePaths", () => {
  const paths = resourcePaths(pods);

  it("has the collection, the object, its status and the list across namespaces", () => {
    expect(Object.keys(paths).sort()).toEqual([
      "/api/v1/namespaces/{namespace}/pods",
      "/api/v1/namespaces/{namespace}/pods/{name}",
      "/api/v1/namespaces/{namespace}/pods/{name}/status",
      "/api/v1/pods",
    ]);
    const methods = (path: string) => operations(paths[path] ?? {}).map(([method]) => method);
    expect(methods("/api/v1/namespaces/{namespace}/pods")).toEqual(["get", "post"]);
    expect(methods("/api/v1/namespaces/{namespace}/pods/{name}")).toEqual(["get", "put", "delete", "patch"]);
    expect(methods("/api/v1/namespaces/{namespace}/pods/{name}/status")).toEqual(["get", "put", "patch"]);
    expect(methods("/api/v1/pods")).toEqual(["get"]);
    const pathParameters = (path: string) => paths[path]?.parameters?.map((p) => `${p.in}:${p.name}`);
    expect(pathParameters("/api/v1/namespaces/{namespace}/pods")).toEqual(["path:namespace"]);
    expect(pathParameters("/api/v1/namespaces/{namespace}/pods/{name}")).toEqual(["path:name", "path:namespace"]);
  });

  it("names the kind on every operation, as an object", () => {
    for (const item of Object.values(paths)) {
      for (const [, op] of operations(item)) expect(op["x-kubernetes-group-version-kind"]).toEqual({ group: "", version: "v1", kind: "Pod" });
    }
  });

  it("gives every PATCH the fieldValidation query parameter and no request body", () => {
    const patches = Object.values(paths).flatMap((item) => (item.patch ? [item.patch] : []));
    expect(patches).toHaveLength(2);
    for (const patch of patches) {
      expect(patch.parameters).toContainEqual(expect.objectContaining({ name: "fieldValidation", in: "query", schema: { type: "string" } }));
      expect(patch).not.toHaveProperty("requestBody");
    }
  });

  it("takes the object as the body of create and replace, and answers with it", () => {
    const object = paths["/api/v1/namespaces/{namespace}/pods/{name}"];
    const collection = paths["/api/v1/namespaces/{namespace}/pods"];
    const body = { content: { "application/json": { schema: { $ref: "#/components/schemas/io.k8s.api.core.v1.Pod" } } }, required: true };
    expect(object?.put?.requestBody).toEqual(body);
    expect(collection?.post?.requestBody).toEqual(body);
    expect(collection?.post?.parameters?.map((p) => p.name)).toContain("fieldValidation");
    expect(collection?.get?.responses["200"]?.content["application/json"]?.schema).toEqual({
      $ref: "#/components/schemas/io.k8s.api.core.v1.PodList",
    });
  });

  it("uses Kubernetes' operation ids and actions", () => {
    const ids = Object.values(paths).flatMap((item) => operations(item).map(([, op]) => `${op.operationId}:${op["x-kubernetes-action"]}`));
    expect(ids.sort()).toEqual([
      "createCoreV1NamespacedPod:post",
      "deleteCoreV1NamespacedPod:delete",
      "listCoreV1NamespacedPod:list",
      "listCoreV1PodForAllNamespaces:list",
      "patchCoreV1NamespacedPod:patch",
      "patchCoreV1NamespacedPodStatus:patch",
      "readCoreV1NamespacedPod:get",
      "readCoreV1NamespacedPodStatus:get",
      "replaceCoreV1NamespacedPod:put",
      "replaceCoreV1NamespacedPodStatus:put",
    ]);
  });

  it("puts a cluster-scoped resource of a named group under /apis without a namespace", () => {
    const rbac = resourcePaths(clusterRoles);
    expect(Object.keys(rbac).sort()).toEqual([
      "/apis/rbac.authorization.k8s.io/v1/clusterroles",
      "/apis/rbac.authorization.k8s.io/v1/clusterroles/{name}",
    ]);
    expect(rbac["/apis/rbac.authorization.k8s.io/v1/clusterroles"]).not.toHaveProperty("parameters");
    const object = rbac["/apis/rbac.authorization.k8s.io/v1/clusterroles/{name}"];
    expect(object?.parameters?.map((p) => p.name)).toEqual(["name"]);
    expect(object?.patch?.operationId).toBe("patchRbacAuthorizationV1ClusterRole");
  });
});
