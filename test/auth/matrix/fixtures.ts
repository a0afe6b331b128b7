/**
 * The objects the access matrix acts on: for each node, a pod bound to it
 * with the ConfigMap, Secret and ServiceAccount that pod uses, its Node and
 * its Lease; and one object of every other kind. Suffix 1 is pi-1's side,
 * suffix 2 pi-2's.
 */
export const matrixNamespace = "matrix";

type Manifest = Record<string, unknown> & { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } };

const meta = (name: string, namespace: string | null = matrixNamespace): { name: string; namespace?: string } =>
  namespace === null ? { name } : { name, namespace };

function podOf(side: 1 | 2): Manifest {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: meta(`pod-${side}`),
    spec: {
      nodeName: `pi-${side}`,
      serviceAccountName: `runner-${side}`,
      containers: [
        {
          name: "app",
          image: "skiff-test/busybox:1",
          env: [{ name: "PASSWORD", valueFrom: { secretKeyRef: { name: `secret-${side}`, key: "password" } } }],
          volumeMounts: [{ name: "config", mountPath: "/config" }],
        },
      ],
      volumes: [{ name: "config", configMap: { name: `cm-${side}` } }],
    },
  };
}

function sideObjects(side: 1 | 2): Manifest[] {
  return [
    { apiVersion: "v1", kind: "Node", metadata: meta(`pi-${side}`, null) },
    {
      apiVersion: "coordination.k8s.io/v1",
      kind: "Lease",
      metadata: meta(`pi-${side}`, "kube-node-lease"),
      spec: { holderIdentity: `pi-${side}`, leaseDurationSeconds: 40 },
    },
    { apiVersion: "v1", kind: "ServiceAccount", metadata: meta(`runner-${side}`) },
    { apiVersion: "v1", kind: "ConfigMap", metadata: meta(`cm-${side}`), data: { mode: "on" } },
    { apiVersion: "v1", kind: "Secret", metadata: meta(`secret-${side}`), stringData: { password: `hunter${side}` } },
    podOf(side),
    { apiVersion: "v1", kind: "Service", metadata: meta(`svc-${side}`), spec: { selector: { app: "x" }, ports: [{ port: 80 }] } },
    {
      apiVersion: "v1",
      kind: "Endpoints",
      metadata: meta(`svc-${side}`),
      subsets: [{ addresses: [{ ip: "10.42.1.5" }], ports: [{ port: 80 }] }],
    },
    {
      apiVersion: "discovery.k8s.io/v1",
      kind: "EndpointSlice",
      metadata: meta(`svc-${side}-abc`),
      addressType: "IPv4",
      endpoints: [{ addresses: ["10.42.1.5"] }],
      ports: [{ port: 80 }],
    },
    {
      apiVersion: "v1",
      kind: "Event",
      metadata: meta(`event-${side}`),
      involvedObject: { kind: "Pod", name: `pod-${side}`, namespace: matrixNamespace },
      reason: "Tested",
      message: "matrix",
      type: "Normal",
    },
    deploymentLike("apps/v1", "Deployment", `deploy-${side}`),
    deploymentLike("apps/v1", "ReplicaSet", `rs-${side}`),
    deploymentLike("apps/v1", "DaemonSet", `ds-${side}`),
    {
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: meta(`job-${side}`),
      spec: { template: { spec: { restartPolicy: "Never", containers: [{ name: "c", image: "skiff-test/busybox:1" }] } } },
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata: meta(`role-${side}`),
      rules: [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get"] }],
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: meta(`rb-${side}`),
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: `role-${side}` },
      subjects: [{ kind: "User", apiGroup: "rbac.authorization.k8s.io", name: `nobody-${side}` }],
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRole",
      metadata: meta(`matrix-cr-${side}`, null),
      rules: [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get"] }],
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: meta(`matrix-crb-${side}`, null),
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: `matrix-cr-${side}` },
      subjects: [{ kind: "User", apiGroup: "rbac.authorization.k8s.io", name: `nobody-${side}` }],
    },
  ];
}

function deploymentLike(apiVersion: string, kind: string, name: string): Manifest {
  const template = { metadata: { labels: { app: name } }, spec: { containers: [{ name: "c", image: "skiff-test/busybox:1" }] } };
  return { apiVersion, kind, metadata: meta(name), spec: { selector: { matchLabels: { app: name } }, template } };
}

/** In the order they can be created (a pod's references first). */
export const matrixObjects: readonly Manifest[] = [...sideObjects(1), ...sideObjects(2)];

/** The object of `kind` on one side, which the matrix's requests name. */
export function targetOf(kind: string, side: 1 | 2): Manifest | undefined {
  return matrixObjects.find((o, index) => o.kind === kind && (index < matrixObjects.length / 2 ? 1 : 2) === side);
}
