import { beforeAll, describe, expect, it } from "vitest";
import { deploymentManifest } from "../support/deployment.js";
import { useKubectlServer } from "../support/server-hooks.js";
import { serviceManifest } from "../support/service.js";

// kubectl 1.32 describe of a pod, a deployment, a service and a node. It finds
// an object's events by field selectors on involvedObject (name, namespace,
// kind, uid) and a node's pods by spec.nodeName and status.phase: events and
// pods that belong to something else must stay out.
// The workload controllers are off: this file writes the ReplicaSets, pods and Events a cluster would have by hand.
const { ok } = useKubectlServer({ controllers: ["*", "-scheduler", "-replicaset", "-deployment"] });

/**
 * An RFC 3339 time `minutes` ago, so kubectl's relative ages are known exactly:
 * from ten minutes on kubectl prints whole minutes, so seconds of test time do not show.
 */
const minutesAgo = (minutes: number): string => new Date(Date.now() - minutes * 60_000).toISOString().replace(/\.\d+Z$/, "Z");

/** The rows of the `Events:` table, or its one-line value (`<none>`). */
function events(describeOutput: string): string[][] | string {
  const lines = describeOutput.split("\n");
  const start = lines.findIndex((line) => line.startsWith("Events:"));
  if (start < 0) throw new Error(`no Events section in:\n${describeOutput}`);
  const inline = lines[start]?.slice("Events:".length).trim();
  if (inline) return inline;
  return lines
    .slice(start + 1)
    .filter((line) => line.trim() !== "")
    .map((line) => line.trim().split(/\s{2,}/));
}

const EVENT_HEADER = [
  ["Type", "Reason", "Age", "From", "Message"],
  ["----", "------", "----", "----", "-------"],
];

const fixtures = `apiVersion: v1
kind: Node
metadata:
  name: pi-1
  labels: {kubernetes.io/hostname: pi-1, node-role.kubernetes.io/worker: ""}
status:
  addresses:
  - {type: InternalIP, address: 10.0.0.11}
  capacity: {cpu: "4", memory: 8Gi, pods: "110"}
  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
---
${deploymentManifest("web", "skiff-test/busybox:1", { namespace: "default", replicas: 2, container: { name: "app", resources: { requests: { cpu: "100m", memory: "1Gi" } } } })}---
${serviceManifest("web", [{ name: "http", port: 80, targetPort: 8080 }], { namespace: "default" })}---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: web-x7k2p
  namespace: default
  labels: {kubernetes.io/service-name: web}
addressType: IPv4
endpoints:
- addresses: [10.42.0.7]
  conditions: {ready: true}
ports:
- {name: http, port: 8080, protocol: TCP}
---
apiVersion: v1
kind: Pod
metadata:
  name: web-1
  namespace: default
  labels: {app: web}
spec:
  nodeName: pi-1
  containers:
  - name: app
    image: skiff-test/busybox:1
    resources:
      requests: {cpu: 100m, memory: 1Gi}
---
apiVersion: v1
kind: Pod
metadata:
  name: finished
  namespace: default
spec:
  nodeName: pi-1
  restartPolicy: Never
  containers:
  - {name: once, image: skiff-test/busybox:1}
---
apiVersion: v1
kind: Namespace
metadata:
  name: other
`;

interface EventSpec {
  name: string;
  namespace?: string;
  involved: { kind: string; name: string; namespace?: string; uid: string; apiVersion?: string };
  type: "Normal" | "Warning";
  reason: string;
  message: string;
  component: string;
  first: number;
  last: number;
  count: number;
}

const event = (e: EventSpec): string => `apiVersion: v1
kind: Event
metadata:
  name: ${e.name}
  namespace: ${e.namespace ?? "default"}
involvedObject: ${JSON.stringify(e.involved)}
type: ${e.type}
reason: ${e.reason}
message: ${JSON.stringify(e.message)}
source: {component: ${e.component}}
firstTimestamp: "${minutesAgo(e.first)}"
lastTimestamp: "${minutesAgo(e.last)}"
count: ${e.count}
`;

const uidOf = (kind: string, name: string): Promise<string> => ok(["get", kind, name, "-o", "jsonpath={.metadata.uid}"]);

beforeAll(async () => {
  await ok(["apply", "-f", "-"], fixtures);
  await ok(["patch", "pod", "web-1", "--subresource=status", "--type=merge", "-p", '{"status":{"phase":"Running","hostIP":"10.0.0.11","podIP":"10.42.0.7","podIPs":[{"ip":"10.42.0.7"}]}}']);
  await ok(["patch", "pod", "finished", "--subresource=status", "--type=merge", "-p", '{"status":{"phase":"Succeeded"}}']);

  const deploymentUid = await uidOf("deployment", "web");
  await ok(["apply", "-f", "-"], `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web-6b9f7c
  namespace: default
  labels: {app: web, pod-template-hash: 6b9f7c}
  annotations: {deployment.kubernetes.io/revision: "1"}
  ownerReferences:
  - {apiVersion: apps/v1, kind: Deployment, name: web, uid: ${deploymentUid}, controller: true, blockOwnerDeletion: true}
spec:
  replicas: 2
  selector:
    matchLabels: {app: web, pod-template-hash: 6b9f7c}
  template:
    metadata:
      labels: {app: web, pod-template-hash: 6b9f7c}
    spec:
      containers:
      - name: app
        image: skiff-test/busybox:1
        resources:
          requests: {cpu: 100m, memory: 1Gi}
`);

  const pod = { kind: "Pod", name: "web-1", namespace: "default", uid: await uidOf("pod", "web-1"), apiVersion: "v1" };
  const all = [
    event({ name: "web-1.scheduled", involved: pod, type: "Normal", reason: "Scheduled", message: "Successfully assigned default/web-1 to pi-1", component: "default-scheduler", first: 30, last: 30, count: 1 }),
    event({ name: "web-1.backoff", involved: pod, type: "Warning", reason: "BackOff", message: "Back-off restarting failed container app in pod web-1", component: "kubelet", first: 20, last: 10, count: 3 }),
    // An earlier pod of the same name: another uid, not this pod's history.
    event({ name: "web-1.old", involved: { ...pod, uid: "00000000-0000-0000-0000-000000000000" }, type: "Normal", reason: "Killing", message: "old pod", component: "kubelet", first: 90, last: 90, count: 1 }),
    // Same name in another namespace.
    event({ name: "web-1.elsewhere", namespace: "other", involved: { ...pod, namespace: "other" }, type: "Normal", reason: "Pulled", message: "elsewhere", component: "kubelet", first: 5, last: 5, count: 1 }),
    event({
      name: "web.scaled",
      involved: { kind: "Deployment", name: "web", namespace: "default", uid: deploymentUid, apiVersion: "apps/v1" },
      type: "Normal",
      reason: "ScalingReplicaSet",
      message: "Scaled up replica set web-6b9f7c to 2",
      component: "deployment-controller",
      first: 15,
      last: 15,
      count: 1,
    }),
    event({
      name: "web.lb",
      involved: { kind: "Service", name: "web", namespace: "default", uid: await uidOf("service", "web"), apiVersion: "v1" },
      type: "Warning",
      reason: "FailedToUpdateEndpoint",
      message: "Failed to update endpoint default/web",
      component: "endpoint-controller",
      first: 12,
      last: 12,
      count: 1,
    }),
    // The controllers record node events with the node's uid, the kubelet with its name.
    event({ name: "pi-1.ready", involved: { kind: "Node", name: "pi-1", uid: "pi-1" }, type: "Normal", reason: "NodeReady", message: "Node pi-1 status is now: NodeReady", component: "kubelet", first: 40, last: 40, count: 1 }),
    event({ name: "pi-1.registered", involved: { kind: "Node", name: "pi-1", uid: await uidOf("node", "pi-1") }, type: "Normal", reason: "RegisteredNode", message: "Node pi-1 event: Registered Node pi-1 in Controller", component: "node-controller", first: 45, last: 45, count: 1 }),
  ];
  await ok(["create", "-f", "-"], all.join("---\n"));
});

describe("kubectl describe", () => {
  it("describes a pod with its own events only, oldest first", async () => {
    const out = await ok(["describe", "pod", "web-1"]);
    expect(out).toMatch(/^Name: +web-1$/m);
    expect(out).toMatch(/^Node: +pi-1\/10\.0\.0\.11$/m);
    expect(out).toMatch(/^Status: +Running$/m);
    expect(out).toMatch(/^IP: +10\.42\.0\.7$/m);
    expect(out).toMatch(/^ {6}cpu: +100m$/m);
    expect(events(out)).toEqual([
      ...EVENT_HEADER,
      ["Normal", "Scheduled", "30m", "default-scheduler", "Successfully assigned default/web-1 to pi-1"],
      ["Warning", "BackOff", "10m (x3 over 20m)", "kubelet", "Back-off restarting failed container app in pod web-1"],
    ]);
  });

  it("describes a pod without events", async () => {
    expect(events(await ok(["describe", "pod", "finished"]))).toBe("<none>");
  });

  it("describes a deployment with its replica sets and events", async () => {
    const out = await ok(["describe", "deployment", "web"]);
    expect(out).toMatch(/^Replicas: +2 desired \| 0 updated \| 0 total \| 0 available \| 0 unavailable$/m);
    expect(out).toMatch(/^StrategyType: +RollingUpdate$/m);
    expect(out).toMatch(/^RollingUpdateStrategy: +25% max unavailable, 25% max surge$/m);
    expect(out).toMatch(/^NewReplicaSet: +web-6b9f7c \(0\/2 replicas created\)$/m);
    expect(events(out)).toEqual([
      ...EVENT_HEADER,
      ["Normal", "ScalingReplicaSet", "15m", "deployment-controller", "Scaled up replica set web-6b9f7c to 2"],
    ]);
  });

  it("describes a service with the endpoints of its EndpointSlices and its events", async () => {
    const out = await ok(["describe", "service", "web"]);
    expect(out).toMatch(/^Selector: +app=web$/m);
    expect(out).toMatch(/^Port: +http {2}80\/TCP$/m);
    expect(out).toMatch(/^TargetPort: +8080\/TCP$/m);
    expect(out).toMatch(/^Endpoints: +10\.42\.0\.7:8080$/m);
    expect(events(out)).toEqual([
      ...EVENT_HEADER,
      ["Warning", "FailedToUpdateEndpoint", "12m", "endpoint-controller", "Failed to update endpoint default/web"],
    ]);
  });

  it("describes a node with its lease, its running pods and both kinds of node events", async () => {
    await ok(["apply", "-f", "-"], `apiVersion: coordination.k8s.io/v1
kind: Lease
metadata:
  name: pi-1
  namespace: kube-node-lease
spec:
  holderIdentity: pi-1
  leaseDurationSeconds: 40
  renewTime: "2024-05-01T12:00:00.000000Z"
`);
    const out = await ok(["describe", "node", "pi-1"]);
    expect(out).toMatch(/^Roles: +worker$/m);
    expect(out).toMatch(/^ {2}InternalIP: +10\.0\.0\.11$/m);
    expect(out).toMatch(/^ {2}HolderIdentity: +pi-1$/m);
    expect(out).toMatch(/^ {2}RenewTime: +Wed, 01 May 2024 12:00:00 \+0000$/m);
    // The Succeeded pod is not counted: kubectl asks for status.phase!=Succeeded,status.phase!=Failed.
    expect(out).toMatch(/^Non-terminated Pods: +\(1 in total\)$/m);
    expect(out).toMatch(/^ {2}default +web-1 +100m \(2%\) +0 \(0%\) +1Gi \(12%\) +0 \(0%\) +\d+s$/m);
    expect(events(out)).toEqual([
      ...EVENT_HEADER,
      ["Normal", "RegisteredNode", "45m", "node-controller", "Node pi-1 event: Registered Node pi-1 in Controller"],
      ["Normal", "NodeReady", "40m", "kubelet", "Node pi-1 status is now: NodeReady"],
    ]);
  });
});
