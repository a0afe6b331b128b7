import { describe, expect, it } from "vitest";
import type { Volume } from "../../../src/api/core/v1/volume.js";
import { parsePod } from "../testing/parse-pod.js";
import { UnsupportedVolumeError, volumeLocation } from "./volume-location.js";

const pod = parsePod({ metadata: { uid: "u" }, spec: { containers: [{ name: "c" }] } });
const locate = (volume: Volume) => volumeLocation("/r", pod, volume, { memory: "1Gi" });

describe("volumeLocation", () => {
  it("puts disk volumes under the pod's directory, the projected kinds read-only", () => {
    expect(locate({ name: "e", emptyDir: {} })).toEqual({ type: "directory", hostPath: "/r/pods/u/volumes/kubernetes.io~empty-dir/e", readOnly: false });
    expect(locate({ name: "c", configMap: { name: "x" } })).toMatchObject({ readOnly: true });
    expect(locate({ name: "s", secret: { secretName: "x" } })).toMatchObject({ readOnly: true });
    expect(locate({ name: "d", downwardAPI: {} })).toMatchObject({ readOnly: true });
    expect(locate({ name: "p", projected: {} })).toMatchObject({ readOnly: true });
  });

  it("uses a hostPath volume's own path", () => {
    expect(locate({ name: "h", hostPath: { path: "/var/log" } })).toEqual({ type: "directory", hostPath: "/var/log", readOnly: false });
  });

  it("makes a memory emptyDir a tmpfs, at most the node's allocatable memory", () => {
    expect(locate({ name: "m", emptyDir: { medium: "Memory" } })).toEqual({ type: "tmpfs", sizeBytes: 1024 ** 3 });
    expect(volumeLocation("/r", pod, { name: "m", emptyDir: { medium: "Memory" } }, undefined)).toEqual({ type: "tmpfs" });
  });

  it("refuses volume types skiff does not run", () => {
    expect(() => locate({ name: "n", nfs: { server: "s", path: "/" } })).toThrow(UnsupportedVolumeError);
    expect(() => locate({ name: "n" })).toThrow("the volume names no source");
  });
});
