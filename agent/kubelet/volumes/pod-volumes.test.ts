import { chmod, lstat, mkdtemp, readdir, readFile, readlink, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Pod } from "../../../src/api/core/v1/pod.js";
import type { Volume } from "../../../src/api/core/v1/volume.js";
import { FakeClock } from "../../../src/clock.js";
import { pino } from "pino";
import { MapObjectSource } from "../testing/map-object-source.js";
import { parsePod } from "../testing/parse-pod.js";
import { VolumeSetupError } from "../pod-dependencies.js";
import { FakeTokenRequests } from "../testing/fake-token-requests.js";
import { PodVolumes } from "./pod-volumes.js";
import { ServiceAccountTokens } from "./service-account-tokens.js";

let root: string;
let objects: MapObjectSource;
let volumes: PodVolumes;
let clock: FakeClock;
let tokenRequests: FakeTokenRequests;
const warnings: string[] = [];

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "skiff-podvolumes-"));
  objects = new MapObjectSource()
    .putConfigMap("default", "app-config", { "app.conf": "a=1", mode: "prod" })
    .putSecret("default", "db", { password: "s3cret", user: "admin" });
  clock = new FakeClock(Date.UTC(2026, 10, 23, 12, 0, 0));
  warnings.length = 0;
  const log = pino({ level: "warn" }, { write: (line: string) => void warnings.push(line) });
  tokenRequests = new FakeTokenRequests(clock);
  const tokens = new ServiceAccountTokens({ requestToken: tokenRequests.requestToken, clock, log, random: () => 0 });
  volumes = new PodVolumes({ root, objects, clock, log, allocatable: { memory: "1Gi" }, tokens });
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const podWith = (volumeList: Volume[], uid = "uid-1"): Pod =>
  parsePod({ metadata: { name: "web", namespace: "default", uid }, spec: { volumes: volumeList, containers: [{ name: "app" }] } });
const volumePath = (plugin: string, name: string, uid = "uid-1"): string => path.join(root, "pods", uid, "volumes", plugin, name);
const setupError = async (pod: Pod): Promise<VolumeSetupError> => {
  const error: unknown = await volumes.prepare(pod).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VolumeSetupError);
  return error as VolumeSetupError;
};

describe("PodVolumes.prepare", () => {
  it("makes a disk emptyDir world-writable and nothing for a memory one", async () => {
    await volumes.prepare(podWith([{ name: "scratch", emptyDir: {} }, { name: "cache", emptyDir: { medium: "Memory" } }]));
    expect((await stat(volumePath("kubernetes.io~empty-dir", "scratch"))).mode & 0o777).toBe(0o777);
    expect(await readdir(path.join(root, "pods", "uid-1", "volumes", "kubernetes.io~empty-dir"))).toEqual(["scratch"]);
  });

  it("writes configMap files and refreshes them when the ConfigMap changes", async () => {
    const pod = podWith([{ name: "config", configMap: { name: "app-config" } }]);
    await volumes.prepare(pod);
    const dir = volumePath("kubernetes.io~configmap", "config");
    expect(await readFile(path.join(dir, "app.conf"), "utf8")).toBe("a=1");
    const firstVersion = await readlink(path.join(dir, "..data"));

    objects.putConfigMap("default", "app-config", { "app.conf": "a=2" });
    clock.advance(30_000);
    await volumes.prepare(pod);
    expect(await readFile(path.join(dir, "app.conf"), "utf8")).toBe("a=2");
    await expect(lstat(path.join(dir, "mode"))).rejects.toThrow(/ENOENT/);
    expect(await readdir(dir)).not.toContain(firstVersion);
  });

  it("writes secret items with their modes and the volume's defaultMode", async () => {
    await volumes.prepare(
      podWith([{ name: "creds", secret: { secretName: "db", defaultMode: 0o400, items: [{ key: "password", path: "pw" }, { key: "user", path: "u/name", mode: 0o440 }] } }]),
    );
    const dir = volumePath("kubernetes.io~secret", "creds");
    expect(await readFile(path.join(dir, "pw"), "utf8")).toBe("s3cret");
    expect((await stat(path.join(dir, "pw"))).mode & 0o777).toBe(0o400);
    expect(await readFile(path.join(dir, "u/name"), "utf8")).toBe("admin");
    expect((await stat(path.join(dir, "u/name"))).mode & 0o777).toBe(0o440);
  });

  it("makes an empty volume for a missing optional ConfigMap and fails for a required one", async () => {
    await volumes.prepare(podWith([{ name: "maybe", configMap: { name: "nope", optional: true } }]));
    expect(await readdir(path.join(volumePath("kubernetes.io~configmap", "maybe"), "..data"))).toEqual([]);

    const error = await setupError(podWith([{ name: "cfg", configMap: { name: "nope" } }]));
    expect(error.volume).toBe("cfg");
    expect(error.message).toBe('MountVolume.SetUp failed for volume "cfg" : configmap "nope" not found');
    const secretError = await setupError(podWith([{ name: "s", secret: { secretName: "gone" } }]));
    expect(secretError.message).toBe('MountVolume.SetUp failed for volume "s" : secret "gone" not found');
  });

  it("checks hostPath types and makes DirectoryOrCreate paths", async () => {
    const made = path.join(root, "host", "made");
    await volumes.prepare(podWith([{ name: "h", hostPath: { path: made, type: "DirectoryOrCreate" } }]));
    expect((await stat(made)).isDirectory()).toBe(true);
    const missing = path.join(root, "host", "missing");
    const error = await setupError(podWith([{ name: "h", hostPath: { path: missing, type: "Directory" } }]));
    expect(error.message).toBe(`MountVolume.SetUp failed for volume "h" : hostPath type check failed: ${missing} is not a directory`);
  });

  it("checks a hostPath and sets up an emptyDir once, as the kubelet mounts them once", async () => {
    const made = path.join(root, "host", "made");
    const pod = podWith([{ name: "h", hostPath: { path: made, type: "DirectoryOrCreate" } }, { name: "scratch", emptyDir: {} }]);
    await volumes.prepare(pod);
    await rm(made, { recursive: true });
    const scratch = volumePath("kubernetes.io~empty-dir", "scratch");
    await chmod(scratch, 0o700);
    await volumes.prepare(pod);
    await expect(stat(made)).rejects.toThrow(/ENOENT/);
    expect((await stat(scratch)).mode & 0o777).toBe(0o700);

    await volumes.release("uid-1");
    await volumes.prepare(pod);
    expect((await stat(made)).isDirectory()).toBe(true);
    expect((await stat(scratch)).mode & 0o777).toBe(0o777);
  });

  it.skipIf(process.getuid?.() !== 0)("gives the volumes it makes to the pod's fsGroup, not hostPaths", async () => {
    const hostDir = path.join(root, "host-dir");
    const pod = parsePod({
      metadata: { name: "web", namespace: "default", uid: "uid-1" },
      spec: {
        securityContext: { fsGroup: 2000 },
        volumes: [
          { name: "scratch", emptyDir: {} },
          { name: "creds", secret: { secretName: "db", defaultMode: 0o400 } },
          { name: "h", hostPath: { path: hostDir, type: "DirectoryOrCreate" } },
        ],
        containers: [{ name: "app" }],
      },
    });
    await volumes.prepare(pod);
    const scratch = await stat(volumePath("kubernetes.io~empty-dir", "scratch"));
    expect([scratch.gid, (scratch.mode & 0o7777).toString(8)]).toEqual([2000, "2777"]);
    const password = await stat(path.join(volumePath("kubernetes.io~secret", "creds"), "password"));
    expect([password.gid, (password.mode & 0o7777).toString(8)]).toEqual([2000, "440"]);
    expect((await stat(hostDir)).gid).not.toBe(2000);
  });

  it("writes downwardAPI files", async () => {
    await volumes.prepare(podWith([{ name: "info", downwardAPI: { items: [{ path: "name", fieldRef: { fieldPath: "metadata.name" } }] } }]));
    expect(await readFile(path.join(volumePath("kubernetes.io~downward-api", "info"), "name"), "utf8")).toBe("web");
  });

  describe("the projected service account volume", () => {
    const apiAccess = (fsGroup?: number): Pod => {
      const pod = podWith([
        {
          name: "kube-api-access-abcde",
          projected: {
            defaultMode: 0o644,
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
              { configMap: { name: "kube-root-ca.crt", items: [{ key: "ca.crt", path: "ca.crt" }] } },
              { downwardAPI: { items: [{ path: "namespace", fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" } }] } },
            ],
          },
        },
      ]);
      pod.spec.serviceAccountName = "robot";
      if (fsGroup !== undefined) pod.spec.securityContext = { fsGroup };
      return pod;
    };
    const dir = (): string => volumePath("kubernetes.io~projected", "kube-api-access-abcde");
    const fileOf = (name: string): Promise<string> => readFile(path.join(dir(), name), "utf8");
    beforeEach(() => void objects.putConfigMap("default", "kube-root-ca.crt", { "ca.crt": "CA" }));

    it("writes the token beside the CA and the namespace, under the volume's mode, and renews it on a later sync", async () => {
      await volumes.prepare(apiAccess());
      expect((await readdir(dir())).filter((e) => !e.startsWith("..")).sort()).toEqual(["ca.crt", "namespace", "token"]);
      expect(await fileOf("token")).toBe("token-1");
      expect((await stat(path.join(dir(), "token"))).mode & 0o777).toBe(0o644);
      expect(tokenRequests.calls).toEqual([
        {
          namespace: "default",
          serviceAccount: "robot",
          request: { expirationSeconds: 3607, boundObjectRef: { kind: "Pod", apiVersion: "v1", name: "web", uid: "uid-1" } },
        },
      ]);
      expect(warnings).toEqual([]);

      await volumes.prepare(apiAccess());
      expect(tokenRequests.calls).toHaveLength(1);
      clock.advance(2900_000); // past 80 % of 3607 s
      await volumes.prepare(apiAccess());
      expect(await fileOf("token")).toBe("token-2");
      expect(await fileOf("ca.crt")).toBe("CA");
    });

    it.skipIf(process.getuid?.() !== 0)("writes the token 0600 with an fsGroup, which the group may read", async () => {
      await volumes.prepare(apiAccess(2000));
      const stats = await stat(path.join(dir(), "token"));
      expect([stats.mode & 0o777, stats.gid]).toEqual([0o640, 2000]);
    });

    it.skipIf(process.getuid?.() !== 0)("gives the token to the user all the pod's containers run as, 0600", async () => {
      const pod = apiAccess();
      pod.spec.securityContext = { runAsUser: 1000 };
      await volumes.prepare(pod);
      const stats = await stat(path.join(dir(), "token"));
      expect([stats.mode & 0o777, stats.uid]).toEqual([0o600, 1000]);
      expect((await stat(path.join(dir(), "ca.crt"))).mode & 0o777).toBe(0o644);
    });

    it("fails the mount with the kubelet's message while no token can be had, and writes it once one can", async () => {
      tokenRequests.failWith = new Error('serviceaccounts "robot" is forbidden: no relationship found between node \'pi-1\' and this object');
      const error = await setupError(apiAccess());
      expect(error.volume).toBe("kube-api-access-abcde");
      expect(error.message).toBe(
        'MountVolume.SetUp failed for volume "kube-api-access-abcde" : failed to fetch token: serviceaccounts "robot" is forbidden: no relationship found between node \'pi-1\' and this object',
      );
      tokenRequests.failWith = undefined;
      await volumes.prepare(apiAccess());
      expect(await fileOf("token")).toBe("token-2");
    });

    it("asks again for a released pod's token", async () => {
      await volumes.prepare(apiAccess());
      await volumes.release("uid-1");
      await volumes.prepare(apiAccess());
      expect(tokenRequests.calls).toHaveLength(2);
    });
  });

  it("sets up the other volumes when one fails, and refuses volume types skiff does not run", async () => {
    const error = await setupError(
      podWith([{ name: "data", persistentVolumeClaim: { claimName: "pvc" } }, { name: "scratch", emptyDir: {} }]),
    );
    expect(error.message).toBe('MountVolume.SetUp failed for volume "data" : skiff does not support persistentVolumeClaim volumes');
    expect((await stat(volumePath("kubernetes.io~empty-dir", "scratch"))).isDirectory()).toBe(true);
  });

  it("runs overlapping calls for one pod one after another", async () => {
    const pod = podWith([{ name: "config", configMap: { name: "app-config" } }]);
    await Promise.all([volumes.prepare(pod), volumes.prepare(pod), volumes.prepare(pod)]);
    expect(await readFile(path.join(volumePath("kubernetes.io~configmap", "config"), "app.conf"), "utf8")).toBe("a=1");
  });
});

describe("PodVolumes.release", () => {
  it("removes the pod's directory, and is idempotent", async () => {
    await volumes.prepare(podWith([{ name: "scratch", emptyDir: {} }, { name: "config", configMap: { name: "app-config" } }]));
    await volumes.release("uid-1");
    await expect(stat(path.join(root, "pods", "uid-1"))).rejects.toThrow(/ENOENT/);
    await volumes.release("uid-1");
  });

  it("leaves hostPath volumes alone", async () => {
    const hostDir = path.join(root, "host-data");
    await volumes.prepare(podWith([{ name: "h", hostPath: { path: hostDir, type: "DirectoryOrCreate" } }]));
    await volumes.release("uid-1");
    expect((await stat(hostDir)).isDirectory()).toBe(true);
  });

  it("refuses a pod uid that is not one path component", async () => {
    await expect(volumes.release("..")).rejects.toThrow(/cannot name a directory/);
    await expect(volumes.release("a/../..")).rejects.toThrow(/cannot name a directory/);
    expect((await stat(root)).isDirectory()).toBe(true);
  });
});
