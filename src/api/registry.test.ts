import { describe, expect, it } from "vitest";
import { decodeObject } from "./decode.js";
import { KindMismatchError } from "./kind.js";
import { kindFor, kindForResource, resolveResourceName, servedKinds } from "./registry.js";
import { formatFieldError } from "./validation/field-error.js";

describe("registry", () => {
  it("serves the kinds of ARCHITECTURE.md under their REST names", () => {
    expect(servedKinds.map((info) => `${info.apiVersion} ${info.kind} ${info.resource}${info.namespaced ? "" : " (cluster)"}`)).toEqual([
      "v1 Namespace namespaces (cluster)",
      "v1 Node nodes (cluster)",
      "v1 Pod pods",
      "v1 Service services",
      "v1 Endpoints endpoints",
      "v1 ConfigMap configmaps",
      "v1 Secret secrets",
      "v1 ServiceAccount serviceaccounts",
      "v1 Event events",
      "apps/v1 Deployment deployments",
      "apps/v1 ReplicaSet replicasets",
      "apps/v1 DaemonSet daemonsets",
      "batch/v1 Job jobs",
      "coordination.k8s.io/v1 Lease leases",
      "discovery.k8s.io/v1 EndpointSlice endpointslices",
      "rbac.authorization.k8s.io/v1 Role roles",
      "rbac.authorization.k8s.io/v1 ClusterRole clusterroles (cluster)",
      "rbac.authorization.k8s.io/v1 RoleBinding rolebindings",
      "rbac.authorization.k8s.io/v1 ClusterRoleBinding clusterrolebindings (cluster)",
    ]);
  });

  it("finds kinds by type, by resource and by the names kubectl accepts", () => {
    expect(kindFor("apps/v1", "Deployment")?.resource).toBe("deployments");
    expect(kindFor("v1", "Binding")?.resource).toBe("bindings");
    expect(kindFor("autoscaling/v1", "Scale")?.kind).toBe("Scale");
    expect(kindFor("apps/v1", "Pod")).toBeUndefined();
    expect(kindForResource("", "pods")?.kind).toBe("Pod");
    expect(kindForResource("apps", "pods")).toBeUndefined();
    expect(kindForResource("", "bindings")).toBeUndefined();
    for (const [name, kind] of [
      ["po", "Pod"],
      ["svc", "Service"],
      ["deploy", "Deployment"],
      ["rs", "ReplicaSet"],
      ["ds", "DaemonSet"],
      ["ns", "Namespace"],
      ["no", "Node"],
      ["cm", "ConfigMap"],
      ["sa", "ServiceAccount"],
      ["ev", "Event"],
      ["ep", "Endpoints"],
      ["deployments.apps", "Deployment"],
      ["Secret", "Secret"],
      ["clusterrolebinding", "ClusterRoleBinding"],
    ] as const) {
      expect(resolveResourceName(name)?.kind).toBe(kind);
    }
    expect(resolveResourceName("deployments.batch")).toBeUndefined();
  });

  it("defaults a copy and leaves the original alone", () => {
    const pods = kindFor("v1", "Pod");
    const result = decodeObject({ apiVersion: "v1", kind: "Pod", metadata: { name: "a" }, spec: { containers: [{ name: "a", image: "b" }] } });
    if (!pods || !result.ok || result.object.kind !== "Pod") throw new Error("setup failed");
    const bare = { ...result.object, spec: { containers: [{ name: "a", image: "b" }] } };
    const defaulted = pods.default(bare);
    expect(bare.spec).toEqual({ containers: [{ name: "a", image: "b" }] });
    expect(defaulted.kind === "Pod" && defaulted.spec.restartPolicy).toBe("Always");
  });

  it("refuses objects of another kind", () => {
    const pods = kindFor("v1", "Pod");
    const service = decodeObject({ apiVersion: "v1", kind: "Service", metadata: { name: "a" }, spec: { ports: [{ port: 80 }] } });
    if (!pods || !service.ok) throw new Error("setup failed");
    expect(() => pods.default(service.object)).toThrow(KindMismatchError);
    expect(pods.validate(service.object).map(formatFieldError)).toEqual(['kind: Invalid value: "Service": expected Pod of v1, got Service of v1']);
  });

  it("checks metadata on update for kinds without rules of their own", () => {
    const configMaps = kindFor("v1", "ConfigMap");
    const old = decodeObject({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a", uid: "1" } });
    const next = decodeObject({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a", uid: "2" } });
    const leases = kindFor("coordination.k8s.io/v1", "Lease");
    if (!configMaps || !leases || !old.ok || !next.ok) throw new Error("setup failed");
    expect(leases.validateUpdate(next.object, old.object).map(formatFieldError)).toEqual([
      'kind: Invalid value: "ConfigMap": expected Lease of coordination.k8s.io/v1, got ConfigMap of v1',
    ]);
    expect(configMaps.validateUpdate(next.object, old.object).map(formatFieldError)).toEqual(['metadata.uid: Invalid value: "2": field is immutable']);
  });
});
