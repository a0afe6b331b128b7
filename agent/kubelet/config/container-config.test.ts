import { describe, expect, it } from "vitest";
import type { Container } from "../../../src/api/core/v1/container.js";
import { ContainerConfigError } from "../pod-dependencies.js";
import { buildContainerConfig } from "./container-config.js";
import { specHash } from "./spec-hash.js";
import { MapObjectSource } from "../testing/map-object-source.js";
import { parsePod } from "../testing/parse-pod.js";

const objects = new MapObjectSource().putConfigMap("default", "app-config", { GREETING: "hello", "bad=name": "x" });
const podWith = (container: object, spec: object = {}) =>
  parsePod({
    metadata: { name: "web-1", namespace: "default", uid: "uid-1" },
    spec: { nodeName: "node-a", containers: [{ name: "app", image: "skiff-test/busybox:1", ...container }], ...spec },
  });
const build = (container: object, spec: object = {}) => {
  const pod = podWith(container, spec);
  return buildContainerConfig({
    pod,
    container: pod.spec.containers[0] as Container,
    context: { attempt: 2, podIP: "10.42.0.5", hostIP: "192.168.1.2", nodeName: "node-a" },
    objects,
    root: "/var/lib/skiff",
  });
};

describe("buildContainerConfig", () => {
  it("assembles the whole config", () => {
    const container = {
      command: ["/bin/sh", "-c"],
      args: ["echo $(GREETING) from $(POD_IP) $$(HOME) $(UNSET)"],
      workingDir: "/srv",
      tty: true,
      stdin: true,
      envFrom: [{ configMapRef: { name: "app-config" } }],
      env: [{ name: "POD_IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } }],
      resources: { limits: { cpu: "500m", memory: "64Mi" } },
      securityContext: { allowPrivilegeEscalation: false },
      volumeMounts: [{ name: "scratch", mountPath: "/scratch" }],
      terminationMessagePath: "/dev/termination-log",
    };
    const { config, skippedEnv } = build(container, { volumes: [{ name: "scratch", emptyDir: {} }], securityContext: { runAsUser: 1000 } });
    expect(config).toEqual({
      name: "app",
      attempt: 2,
      specHash: specHash(podWith(container).spec.containers[0] as Container),
      image: "skiff-test/busybox:1",
      command: ["/bin/sh", "-c"],
      args: ["echo hello from 10.42.0.5 $(HOME) $(UNSET)"],
      workingDir: "/srv",
      env: [
        { name: "GREETING", value: "hello" },
        { name: "POD_IP", value: "10.42.0.5" },
      ],
      mounts: [{ hostPath: "/var/lib/skiff/pods/uid-1/volumes/kubernetes.io~empty-dir/scratch", containerPath: "/scratch", readOnly: false }],
      tmpfs: [],
      tty: true,
      stdin: true,
      stdinOnce: false,
      resources: { memoryLimitBytes: 64 * 1024 * 1024, cpuQuota: 50_000, cpuPeriod: 100_000, cpuShares: 512 },
      security: {
        runAsUser: 1000,
        privileged: false,
        readOnlyRootFilesystem: false,
        capabilitiesAdd: [],
        capabilitiesDrop: [],
        noNewPrivileges: true,
      },
      terminationMessagePath: "/dev/termination-log",
    });
    expect(skippedEnv).toEqual([
      "Keys [bad=name] from the EnvFrom configMap default/app-config were skipped since they are considered invalid environment variable names.",
    ]);
  });

  it("adds service links once the Services were read, and waits for them before", () => {
    const pod = podWith({ args: ["$(KUBERNETES_SERVICE_HOST)"] }, { enableServiceLinks: false });
    const kubernetes = {
      apiVersion: "v1" as const,
      kind: "Service" as const,
      metadata: { namespace: "default", name: "kubernetes" },
      spec: { clusterIP: "10.43.0.1", ports: [{ port: 443 }] },
    };
    let synced = false;
    const services = { hasSynced: () => synced, services: (ns: string) => (ns === "default" ? [kubernetes] : []) };
    const input = { pod, container: pod.spec.containers[0] as Container, context: { attempt: 0, nodeName: "n" }, objects, root: "/r", services };
    expect(() => buildContainerConfig(input)).toThrow("services have not yet been read at least once, cannot construct envvars");
    synced = true;
    const { config } = buildContainerConfig(input);
    expect(config.args).toEqual(["10.43.0.1"]);
    expect(config.env).toContainEqual({ name: "KUBERNETES_SERVICE_PORT", value: "443" });
  });

  it("leaves command and args to the image when the spec has none", () => {
    const { config } = build({ command: [], args: undefined });
    expect(config.command).toBeUndefined();
    expect(config.args).toBeUndefined();
    expect(config.workingDir).toBeUndefined();
  });

  it("reports every failure as a ContainerConfigError", () => {
    const failure = (container: object): unknown => {
      try {
        build(container);
      } catch (error) {
        return error;
      }
      return undefined;
    };
    const missing = failure({ env: [{ name: "X", valueFrom: { configMapKeyRef: { name: "app-config", key: "nope" } } }] });
    expect(missing).toBeInstanceOf(ContainerConfigError);
    expect((missing as Error).message).toBe("couldn't find key nope in ConfigMap default/app-config");
    const quantity = failure({ resources: { limits: { memory: "lots" } } });
    expect(quantity).toBeInstanceOf(ContainerConfigError);
    expect((quantity as Error).message).toMatch(/invalid quantity "lots" for memory/);
    expect(failure({ volumeMounts: [{ name: "ghost", mountPath: "/g" }] })).toBeInstanceOf(ContainerConfigError);
  });
});
