import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Container } from "../../../src/api/core/v1/container.js";
import type { Volume } from "../../../src/api/core/v1/volume.js";
import { createLogger } from "../../../src/log.js";
import { FakeClock } from "../../../src/clock.js";
import { ContainerConfigError } from "../pod-dependencies.js";
import { PodVolumes } from "../volumes/pod-volumes.js";
import { ServiceAccountTokens } from "../volumes/service-account-tokens.js";
import { FakeTokenRequests } from "../testing/fake-token-requests.js";
import { containerMounts } from "./mounts.js";
import { MapObjectSource } from "../testing/map-object-source.js";
import { parsePod } from "../testing/parse-pod.js";

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), "skiff-mounts-"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const volumes: Volume[] = [
  { name: "scratch", emptyDir: {} },
  { name: "cache", emptyDir: { medium: "Memory", sizeLimit: "64Mi" } },
  { name: "host", hostPath: { path: "/var/log" } },
  { name: "config", configMap: { name: "app-config" } },
  { name: "creds", secret: { secretName: "db" } },
  { name: "info", downwardAPI: { items: [] } },
  { name: "api", projected: { sources: [] } },
  { name: "claim", persistentVolumeClaim: { claimName: "c" } },
];
const podWith = (volumeMounts: Container["volumeMounts"]) =>
  parsePod({ metadata: { name: "p", namespace: "default", uid: "uid-1" }, spec: { volumes, containers: [{ name: "app", volumeMounts }] } });
const mountsOf = (volumeMounts: Container["volumeMounts"], env: Array<{ name: string; value: string }> = []) => {
  const pod = podWith(volumeMounts);
  return containerMounts(pod, pod.spec.containers[0] as Container, env, root, { memory: "1Gi" });
};
/** Prepares the pod's disk emptyDir, as the pod worker does before it builds container configs. */
const prepareScratch = (): Promise<void> => {
  const clock = new FakeClock();
  const log = createLogger("silent");
  const tokens = new ServiceAccountTokens({ requestToken: new FakeTokenRequests(clock).requestToken, clock, log });
  return new PodVolumes({ root, objects: new MapObjectSource(), clock, log, tokens }).prepare(
    parsePod({ metadata: { uid: "uid-1" }, spec: { volumes: [{ name: "scratch", emptyDir: {} }], containers: [] } }),
  );
};
const volumeDir = (plugin: string, name: string): string => path.join(root, "pods", "uid-1", "volumes", plugin, name);

describe("containerMounts", () => {
  it("binds each volume's host path, read-only for configMap, secret, downwardAPI and projected", () => {
    const { mounts, tmpfs } = mountsOf([
      { name: "scratch", mountPath: "/scratch" },
      { name: "host", mountPath: "/host", readOnly: true },
      { name: "config", mountPath: "/etc/app" },
      { name: "creds", mountPath: "/creds", readOnly: false },
      { name: "info", mountPath: "/info" },
      { name: "api", mountPath: "/var/run/secrets/kubernetes.io/serviceaccount" },
    ]);
    expect(tmpfs).toEqual([]);
    expect(mounts).toEqual([
      { hostPath: volumeDir("kubernetes.io~empty-dir", "scratch"), containerPath: "/scratch", readOnly: false },
      { hostPath: "/var/log", containerPath: "/host", readOnly: true },
      { hostPath: volumeDir("kubernetes.io~configmap", "config"), containerPath: "/etc/app", readOnly: true },
      { hostPath: volumeDir("kubernetes.io~secret", "creds"), containerPath: "/creds", readOnly: true },
      { hostPath: volumeDir("kubernetes.io~downward-api", "info"), containerPath: "/info", readOnly: true },
      { hostPath: volumeDir("kubernetes.io~projected", "api"), containerPath: "/var/run/secrets/kubernetes.io/serviceaccount", readOnly: true },
    ]);
  });

  it("makes a memory emptyDir a sized tmpfs", () => {
    expect(mountsOf([{ name: "cache", mountPath: "/cache" }])).toEqual({ mounts: [], tmpfs: [{ containerPath: "/cache", sizeBytes: 64 * 1024 * 1024 }] });
  });

  it("mounts a subPath of a prepared emptyDir, making it when missing", async () => {
    await prepareScratch();
    const { mounts } = mountsOf([{ name: "scratch", mountPath: "/data", subPath: "app/data" }]);
    expect(mounts[0]?.hostPath).toBe(path.join(volumeDir("kubernetes.io~empty-dir", "scratch"), "app/data"));
    expect(statSync(mounts[0]?.hostPath ?? "").isDirectory()).toBe(true);
  });

  it("expands subPathExpr with the container's env, and fails on a variable without a value", async () => {
    await prepareScratch();
    const { mounts } = mountsOf([{ name: "scratch", mountPath: "/logs", subPathExpr: "logs/$(POD_NAME)" }], [{ name: "POD_NAME", value: "web-1" }]);
    expect(mounts[0]?.hostPath).toBe(path.join(volumeDir("kubernetes.io~empty-dir", "scratch"), "logs/web-1"));
    expect(() => mountsOf([{ name: "scratch", mountPath: "/logs", subPathExpr: "$(NOPE)/$(EMPTY)" }], [{ name: "EMPTY", value: "" }])).toThrow(
      "missing value for EMPTY, NOPE",
    );
  });

  it("refuses subPaths that climb out, with the kubelet's message", () => {
    expect(() => mountsOf([{ name: "scratch", mountPath: "/x", subPath: "../../etc" }])).toThrow(
      "unable to provision SubPath `../../etc`: must not contain '..'",
    );
  });

  it("refuses a subPath of a memory emptyDir", () => {
    expect(() => mountsOf([{ name: "cache", mountPath: "/x", subPath: "a" }])).toThrow(ContainerConfigError);
  });

  it("names a volume that does not exist, and one skiff does not run", () => {
    expect(() => mountsOf([{ name: "ghost", mountPath: "/g" }])).toThrow('cannot find volume "ghost" to mount into container "app"');
    expect(() => mountsOf([{ name: "claim", mountPath: "/c" }])).toThrow("skiff does not support persistentVolumeClaim volumes");
  });
});
