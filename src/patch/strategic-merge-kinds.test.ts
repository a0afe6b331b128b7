import { describe, expect, it } from "vitest";
import type { JsonObject } from "./json-value.js";
import { metaForKind, type StructPatchMeta } from "./strategic-merge-meta.js";
import { strategicMergePatch } from "./strategic-merge-patch.js";

// The patches below are shaped as kubectl 1.32 (client-side apply, patch, label), the kubelet and the
// garbage collector send them.

function meta(group: string, kind: string): StructPatchMeta {
  const found = metaForKind(group, kind);
  if (found === undefined) throw new Error(`no patch metadata for ${group}/${kind}`);
  return found;
}

function deployment(containers: JsonObject[], extra: JsonObject = {}): JsonObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "default", labels: { app: "web", tier: "front" }, finalizers: ["a", "b"] },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: "web" } },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: { containers, restartPolicy: "Always", ...extra },
      },
    },
  };
}

const web = {
  name: "web",
  image: "nginx:1.27",
  env: [
    { name: "A", value: "1" },
    { name: "B", value: "2" },
    { name: "C", value: "3" },
  ],
  ports: [{ containerPort: 80, protocol: "TCP" }],
  volumeMounts: [{ name: "cfg", mountPath: "/etc/cfg" }],
};
const sidecar = { name: "sidecar", image: "busybox", args: ["sleep", "3600"] };

const template = (spec: JsonObject): JsonObject => ({ spec: { template: { spec } } });
const containersOf = (object: JsonObject): unknown =>
  ((object.spec as JsonObject).template as { spec: { containers: unknown } }).spec.containers;

describe("strategic merge patch on the kinds skiff serves", () => {
  const apps = meta("apps", "Deployment");

  it("removes a container with a $patch: delete item, as kubectl apply does", () => {
    const patch = template({ "$setElementOrder/containers": [{ name: "web" }], containers: [{ $patch: "delete", name: "sidecar" }] });
    expect(containersOf(strategicMergePatch(deployment([web, sidecar]), patch, apps))).toEqual([web]);
  });

  it("adds a container where $setElementOrder puts it", () => {
    const patch = template({
      "$setElementOrder/containers": [{ name: "init-like" }, { name: "web" }],
      containers: [{ name: "init-like", image: "alpine" }],
    });
    expect(containersOf(strategicMergePatch(deployment([web]), patch, apps))).toEqual([{ name: "init-like", image: "alpine" }, web]);
  });

  it("changes one container's image and leaves the rest alone", () => {
    const patch = template({
      "$setElementOrder/containers": [{ name: "web" }, { name: "sidecar" }],
      containers: [{ name: "web", image: "nginx:1.28" }],
    });
    expect(containersOf(strategicMergePatch(deployment([web, sidecar]), patch, apps))).toEqual([{ ...web, image: "nginx:1.28" }, sidecar]);
  });

  it("removes an env var and keeps the others in order", () => {
    const patch = template({
      "$setElementOrder/containers": [{ name: "web" }],
      containers: [{ name: "web", "$setElementOrder/env": [{ name: "A" }, { name: "C" }], env: [{ $patch: "delete", name: "B" }] }],
    });
    const [container] = containersOf(strategicMergePatch(deployment([web]), patch, apps)) as JsonObject[];
    expect(container?.env).toEqual([
      { name: "A", value: "1" },
      { name: "C", value: "3" },
    ]);
  });

  it("changes an env var's value and drops its valueFrom with null", () => {
    const withRef = { ...web, env: [{ name: "A", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } }] };
    const patch = template({ containers: [{ name: "web", env: [{ name: "A", value: "x", valueFrom: null }] }] });
    const [container] = containersOf(strategicMergePatch(deployment([withRef]), patch, apps)) as JsonObject[];
    expect(container?.env).toEqual([{ name: "A", value: "x" }]);
  });

  it("merges ports by containerPort and volume mounts by mountPath", () => {
    const patch = template({
      containers: [
        {
          name: "web",
          ports: [{ containerPort: 443, protocol: "TCP" }],
          volumeMounts: [{ mountPath: "/etc/cfg", readOnly: true }],
        },
      ],
    });
    const [container] = containersOf(strategicMergePatch(deployment([web]), patch, apps)) as JsonObject[];
    expect(container?.ports).toEqual([
      { containerPort: 443, protocol: "TCP" },
      { containerPort: 80, protocol: "TCP" },
    ]);
    expect(container?.volumeMounts).toEqual([{ name: "cfg", mountPath: "/etc/cfg", readOnly: true }]);
  });

  it("removes labels with null, in metadata and in the template", () => {
    const patch = {
      metadata: { annotations: { "kubectl.kubernetes.io/last-applied-configuration": "{}" }, labels: { tier: null } },
      spec: { template: { metadata: { labels: { app: null, track: "stable" } } } },
    };
    const result = strategicMergePatch(deployment([web]), patch, apps) as {
      metadata: JsonObject;
      spec: { template: { metadata: JsonObject } };
    };
    expect(result.metadata.labels).toEqual({ app: "web" });
    expect(result.metadata.annotations).toEqual({ "kubectl.kubernetes.io/last-applied-configuration": "{}" });
    expect(result.spec.template.metadata.labels).toEqual({ track: "stable" });
  });

  it.each([
    ["without", { $retainKeys: ["type"], type: "Recreate" }],
    ["with", { $retainKeys: ["type"], type: "Recreate", rollingUpdate: null }],
  ])("switches RollingUpdate to Recreate with $retainKeys, %s rollingUpdate: null", (_with, strategy) => {
    const result = strategicMergePatch(deployment([web]), { spec: { strategy } }, apps) as { spec: JsonObject };
    expect(result.spec.strategy).toEqual({ type: "Recreate" });
    expect(result.spec.replicas).toBe(2);
  });

  it("switches a volume's source with $retainKeys", () => {
    const original = deployment([web], { volumes: [{ name: "cfg", emptyDir: {} }, { name: "data", hostPath: { path: "/data" } }] });
    const patch = template({
      "$setElementOrder/volumes": [{ name: "cfg" }, { name: "data" }],
      volumes: [{ $retainKeys: ["configMap", "name"], name: "cfg", configMap: { name: "app-config" } }],
    });
    const result = strategicMergePatch(original, patch, apps) as { spec: { template: { spec: JsonObject } } };
    expect(result.spec.template.spec.volumes).toEqual([
      { name: "cfg", configMap: { name: "app-config" } },
      { name: "data", hostPath: { path: "/data" } },
    ]);
  });

  it("replaces tolerations, which have no patch strategy", () => {
    const original = deployment([web], { tolerations: [{ key: "a", operator: "Exists" }] });
    const result = strategicMergePatch(original, template({ tolerations: [{ key: "b", operator: "Exists" }] }), apps) as {
      spec: { template: { spec: JsonObject } };
    };
    expect(result.spec.template.spec.tolerations).toEqual([{ key: "b", operator: "Exists" }]);
  });

  it("merges finalizers as a set and deletes them with $deleteFromPrimitiveList", () => {
    const patch = { metadata: { "$setElementOrder/finalizers": ["b", "c"], "$deleteFromPrimitiveList/finalizers": ["a"], finalizers: ["c"] } };
    const result = strategicMergePatch(deployment([web]), patch, apps) as { metadata: JsonObject };
    expect(result.metadata.finalizers).toEqual(["b", "c"]);
  });

  it("removes one owner reference by uid, as the garbage collector does", () => {
    const pod: JsonObject = {
      metadata: {
        name: "web-1",
        uid: "pod-uid",
        ownerReferences: [
          { apiVersion: "apps/v1", kind: "ReplicaSet", name: "web-1", uid: "rs-1", controller: true },
          { apiVersion: "v1", kind: "ConfigMap", name: "owner", uid: "cm-1" },
        ],
      },
    };
    const patch = { metadata: { ownerReferences: [{ $patch: "delete", uid: "rs-1" }], uid: "pod-uid" } };
    const result = strategicMergePatch(pod, patch, meta("", "Pod")) as { metadata: JsonObject };
    expect(result.metadata.ownerReferences).toEqual([{ apiVersion: "v1", kind: "ConfigMap", name: "owner", uid: "cm-1" }]);
  });

  it("merges pod status conditions by type, as the kubelet patches them", () => {
    const pod: JsonObject = {
      metadata: { name: "web-1", uid: "u" },
      status: {
        phase: "Pending",
        conditions: [
          { type: "PodScheduled", status: "True" },
          { type: "Ready", status: "False", reason: "ContainersNotReady" },
        ],
        podIPs: [{ ip: "10.42.0.9" }],
        containerStatuses: [{ name: "old", ready: false }],
      },
    };
    const patch: JsonObject = {
      metadata: { uid: "u" },
      status: {
        "$setElementOrder/conditions": [{ type: "Initialized" }, { type: "Ready" }, { type: "PodScheduled" }],
        conditions: [
          { type: "Initialized", status: "True" },
          { type: "Ready", status: "True", reason: null },
        ],
        containerStatuses: [{ name: "web", ready: true }],
        phase: "Running",
      },
    };
    const result = strategicMergePatch(pod, patch, meta("", "Pod")) as { status: JsonObject };
    expect(result.status).toEqual({
      phase: "Running",
      conditions: [
        { type: "Initialized", status: "True" },
        { type: "Ready", status: "True" },
        { type: "PodScheduled", status: "True" },
      ],
      podIPs: [{ ip: "10.42.0.9" }],
      containerStatuses: [{ name: "web", ready: true }],
    });
  });

  it("merges node addresses and conditions by type, and replaces taints", () => {
    const node = {
      metadata: { name: "pi-1" },
      spec: { podCIDRs: ["10.42.1.0/24"], taints: [{ key: "a", effect: "NoSchedule" }] },
      status: {
        addresses: [
          { type: "InternalIP", address: "192.168.1.10" },
          { type: "Hostname", address: "pi-1" },
        ],
        conditions: [{ type: "Ready", status: "False" }],
      },
    };
    const patch = {
      spec: { podCIDRs: ["10.42.1.0/24"], taints: [] },
      status: { addresses: [{ type: "InternalIP", address: "192.168.1.11" }], conditions: [{ type: "Ready", status: "True" }] },
    };
    const result = strategicMergePatch(node, patch, meta("", "Node")) as { spec: JsonObject; status: JsonObject };
    expect(result.spec).toEqual({ podCIDRs: ["10.42.1.0/24"], taints: [] });
    expect(result.status.addresses).toEqual([
      { type: "InternalIP", address: "192.168.1.11" },
      { type: "Hostname", address: "pi-1" },
    ]);
    expect(result.status.conditions).toEqual([{ type: "Ready", status: "True" }]);
  });

  it("merges Service ports by port", () => {
    const service = { spec: { type: "ClusterIP", ports: [{ name: "http", port: 80, targetPort: 8080 }] } };
    const patch = { spec: { "$setElementOrder/ports": [{ port: 80 }, { port: 443 }], ports: [{ name: "https", port: 443, targetPort: 8443 }] } };
    const result = strategicMergePatch(service, patch, meta("", "Service")) as { spec: JsonObject };
    expect(result.spec.ports).toEqual([
      { name: "http", port: 80, targetPort: 8080 },
      { name: "https", port: 443, targetPort: 8443 },
    ]);
  });

  it("merges ServiceAccount secrets by name and replaces Endpoints subsets", () => {
    const account = { metadata: { name: "default" }, secrets: [{ name: "a" }] };
    expect(strategicMergePatch(account, { secrets: [{ name: "b" }] }, meta("", "ServiceAccount"))).toEqual({
      metadata: { name: "default" },
      secrets: [{ name: "b" }, { name: "a" }],
    });
    const endpoints = { subsets: [{ addresses: [{ ip: "10.42.0.1" }] }] };
    expect(strategicMergePatch(endpoints, { subsets: [{ addresses: [{ ip: "10.42.0.2" }] }] }, meta("", "Endpoints"))).toEqual({
      subsets: [{ addresses: [{ ip: "10.42.0.2" }] }],
    });
  });

  it.each([
    ["apps", "ReplicaSet"],
    ["apps", "DaemonSet"],
    ["batch", "Job"],
  ])("merges the pod template's containers and status conditions of %s/%s", (group, kind) => {
    const object = {
      spec: { template: { spec: { containers: [web, sidecar] } } },
      status: { conditions: [{ type: "A", status: "True" }] },
    };
    const patch = {
      spec: { template: { spec: { containers: [{ name: "sidecar", $patch: "delete" }] } } },
      status: { conditions: [{ type: "B", status: "True" }] },
    };
    expect(strategicMergePatch(object, patch, meta(group, kind))).toEqual({
      spec: { template: { spec: { containers: [web] } } },
      status: {
        conditions: [
          { type: "B", status: "True" },
          { type: "A", status: "True" },
        ],
      },
    });
  });

  it("replaces lists of kinds without tagged fields, e.g. RBAC rules", () => {
    const role = { rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }] };
    const patch = { rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["list"] }] };
    expect(strategicMergePatch(role, patch, meta("rbac.authorization.k8s.io", "Role"))).toEqual(patch);
  });
});

describe("metaForKind", () => {
  it.each([
    ["", "Namespace"],
    ["", "Node"],
    ["", "Pod"],
    ["", "Service"],
    ["", "Endpoints"],
    ["", "ConfigMap"],
    ["", "Secret"],
    ["", "ServiceAccount"],
    ["", "Event"],
    ["apps", "Deployment"],
    ["apps", "ReplicaSet"],
    ["apps", "DaemonSet"],
    ["batch", "Job"],
    ["coordination.k8s.io", "Lease"],
    ["discovery.k8s.io", "EndpointSlice"],
    ["rbac.authorization.k8s.io", "Role"],
    ["rbac.authorization.k8s.io", "ClusterRole"],
    ["rbac.authorization.k8s.io", "RoleBinding"],
    ["rbac.authorization.k8s.io", "ClusterRoleBinding"],
    ["autoscaling", "Scale"],
  ])("knows %s/%s, with ObjectMeta's tags", (group, kind) => {
    expect(meta(group, kind).metadata?.fields).toEqual({
      ownerReferences: { strategy: "merge", mergeKey: "uid" },
      finalizers: { strategy: "merge" },
    });
  });

  it("has nothing for kinds skiff does not serve", () => {
    expect(metaForKind("apps", "StatefulSet")).toBeUndefined();
    expect(metaForKind("", "Deployment")).toBeUndefined();
    expect(metaForKind("", "constructor")).toBeUndefined();
    expect(metaForKind("", "toString")).toBeUndefined();
  });

  it("shares one PodSpec between Pods and pod templates", () => {
    const podSpec = meta("", "Pod").spec?.fields;
    expect(meta("apps", "Deployment").spec?.fields?.template?.fields?.spec?.fields).toBe(podSpec);
    expect(podSpec?.containers).toEqual({
      strategy: "merge",
      mergeKey: "name",
      fields: {
        ports: { strategy: "merge", mergeKey: "containerPort" },
        env: { strategy: "merge", mergeKey: "name" },
        volumeMounts: { strategy: "merge", mergeKey: "mountPath" },
        volumeDevices: { strategy: "merge", mergeKey: "devicePath" },
      },
    });
    expect(podSpec?.tolerations).toBeUndefined();
    expect(meta("apps", "Deployment").spec?.fields?.strategy).toEqual({ strategy: "retainKeys" });
  });
});
