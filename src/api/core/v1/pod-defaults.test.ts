import { describe, expect, it } from "vitest";
import { parseWith } from "../../schema/parse.js";
import { defaultImagePullPolicy, setPodDefaults, setPodTemplateSpecDefaults } from "./pod-defaults.js";
import { podSchema, type Pod } from "./pod.js";
import { podTemplateSpecSchema } from "./pod-template.js";

function decodePod(input: unknown): Pod {
  const parsed = parseWith(podSchema, input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  setPodDefaults(parsed.value);
  return parsed.value;
}

describe("imagePullPolicy default", () => {
  it.each([
    ["nginx", "Always"],
    ["nginx:latest", "Always"],
    ["nginx:1.25", "IfNotPresent"],
    ["registry.local:5000/team/app", "Always"],
    ["registry.local:5000/team/app:v2", "IfNotPresent"],
    ["nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "IfNotPresent"],
    ["nginx:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "Always"],
  ])("%s → %s", (image, policy) => {
    expect(defaultImagePullPolicy(image)).toBe(policy);
  });
});

describe("pod defaults", () => {
  it("fills the pod, container, probe and port defaults Kubernetes fills", () => {
    const pod = decodePod({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "web" },
      spec: {
        containers: [
          {
            name: "web",
            image: "nginx:1.25",
            ports: [{ containerPort: 80 }],
            env: [{ name: "POD", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } }],
            livenessProbe: { httpGet: { port: 80 } },
            readinessProbe: { tcpSocket: { port: "http" }, periodSeconds: 5 },
            lifecycle: { preStop: { httpGet: { port: 80, path: "/quit" } } },
            resources: { limits: { cpu: 1, memory: "1024Mi" } },
          },
        ],
        volumes: [
          { name: "scratch" },
          { name: "config", configMap: { name: "app" } },
          { name: "creds", secret: { secretName: "app", defaultMode: 256 } },
          { name: "host", hostPath: { path: "/var/log" } },
          {
            name: "token",
            projected: { sources: [{ serviceAccountToken: { path: "token" } }, { downwardAPI: { items: [{ path: "n", fieldRef: { fieldPath: "metadata.name" } }] } }] },
          },
        ],
      },
    });
    expect(pod.spec).toEqual({
      containers: [
        {
          name: "web",
          image: "nginx:1.25",
          imagePullPolicy: "IfNotPresent",
          terminationMessagePath: "/dev/termination-log",
          terminationMessagePolicy: "File",
          ports: [{ containerPort: 80, protocol: "TCP" }],
          env: [{ name: "POD", valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "metadata.name" } } }],
          livenessProbe: {
            httpGet: { port: 80, path: "/", scheme: "HTTP" },
            timeoutSeconds: 1,
            periodSeconds: 10,
            successThreshold: 1,
            failureThreshold: 3,
          },
          readinessProbe: { tcpSocket: { port: "http" }, timeoutSeconds: 1, periodSeconds: 5, successThreshold: 1, failureThreshold: 3 },
          lifecycle: { preStop: { httpGet: { port: 80, path: "/quit", scheme: "HTTP" } } },
          resources: { limits: { cpu: "1", memory: "1Gi" }, requests: { cpu: "1", memory: "1Gi" } },
        },
      ],
      volumes: [
        { name: "scratch", emptyDir: {} },
        { name: "config", configMap: { name: "app", defaultMode: 420 } },
        { name: "creds", secret: { secretName: "app", defaultMode: 256 } },
        { name: "host", hostPath: { path: "/var/log", type: "" } },
        {
          name: "token",
          projected: {
            defaultMode: 420,
            sources: [
              { serviceAccountToken: { path: "token", expirationSeconds: 3600 } },
              { downwardAPI: { items: [{ path: "n", fieldRef: { apiVersion: "v1", fieldPath: "metadata.name" } }] } },
            ],
          },
        },
      ],
      restartPolicy: "Always",
      dnsPolicy: "ClusterFirst",
      terminationGracePeriodSeconds: 30,
      schedulerName: "default-scheduler",
      securityContext: {},
      enableServiceLinks: true,
    });
  });

  it("keeps what the manifest sets", () => {
    const pod = decodePod({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "job" },
      spec: {
        restartPolicy: "Never",
        dnsPolicy: "Default",
        terminationGracePeriodSeconds: 0,
        enableServiceLinks: false,
        containers: [{ name: "c", image: "busybox", imagePullPolicy: "Never", resources: { requests: { cpu: "100m" }, limits: { cpu: "200m" } } }],
      },
    });
    expect(pod.spec.restartPolicy).toBe("Never");
    expect(pod.spec.dnsPolicy).toBe("Default");
    expect(pod.spec.terminationGracePeriodSeconds).toBe(0);
    expect(pod.spec.enableServiceLinks).toBe(false);
    expect(pod.spec.containers[0]?.imagePullPolicy).toBe("Never");
    expect(pod.spec.containers[0]?.resources).toEqual({ requests: { cpu: "100m" }, limits: { cpu: "200m" } });
  });

  it("makes container ports host ports under hostNetwork, for pods only", () => {
    const pod = decodePod({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "exporter" },
      spec: { hostNetwork: true, containers: [{ name: "c", image: "x:1", ports: [{ containerPort: 9100 }] }] },
    });
    expect(pod.spec.containers[0]?.ports).toEqual([{ containerPort: 9100, hostPort: 9100, protocol: "TCP" }]);
  });

  it("gives templates the PodSpec defaults but not the pod-only ones", () => {
    const parsed = parseWith(podTemplateSpecSchema, {
      spec: { containers: [{ name: "c", image: "x", resources: { limits: { cpu: "1" } } }] },
    });
    if (!parsed.ok) throw new Error("parse failed");
    setPodTemplateSpecDefaults(parsed.value);
    expect(parsed.value.spec.restartPolicy).toBe("Always");
    expect(parsed.value.spec.enableServiceLinks).toBeUndefined();
    expect(parsed.value.spec.containers[0]?.resources).toEqual({ limits: { cpu: "1" } });
  });

  it("keeps serviceAccount and serviceAccountName in step", () => {
    const legacy = decodePod({ apiVersion: "v1", kind: "Pod", metadata: { name: "a" }, spec: { serviceAccount: "robot", containers: [] } });
    expect(legacy.spec.serviceAccountName).toBe("robot");
    const current = decodePod({ apiVersion: "v1", kind: "Pod", metadata: { name: "a" }, spec: { serviceAccountName: "robot", containers: [] } });
    expect(current.spec.serviceAccount).toBe("robot");
  });
});
