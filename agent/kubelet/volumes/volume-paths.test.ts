import { describe, expect, it } from "vitest";
import { podDir, UnsafePathError, volumeDir, volumeSourceName } from "./volume-paths.js";

describe("volume paths", () => {
  it("lays volumes out as the kubelet does", () => {
    expect(podDir("/var/lib/skiff", "u-1")).toBe("/var/lib/skiff/pods/u-1");
    expect(volumeDir("/var/lib/skiff", "u-1", "configMap", "config")).toBe("/var/lib/skiff/pods/u-1/volumes/kubernetes.io~configmap/config");
    expect(volumeDir("/r", "u", "emptyDir", "e")).toBe("/r/pods/u/volumes/kubernetes.io~empty-dir/e");
    expect(volumeDir("/r", "u", "secret", "s")).toBe("/r/pods/u/volumes/kubernetes.io~secret/s");
    expect(volumeDir("/r", "u", "downwardAPI", "d")).toBe("/r/pods/u/volumes/kubernetes.io~downward-api/d");
    expect(volumeDir("/r", "u", "projected", "p")).toBe("/r/pods/u/volumes/kubernetes.io~projected/p");
  });

  it.each(["", ".", "..", "a/b", "../x", "a\0b"])("refuses %j as a uid or volume name", (bad) => {
    expect(() => podDir("/r", bad)).toThrow(UnsafePathError);
    expect(() => volumeDir("/r", "u", "emptyDir", bad)).toThrow(UnsafePathError);
  });

  it("names the volume's source, or none", () => {
    expect(volumeSourceName({ name: "v", configMap: { name: "c" } })).toBe("configMap");
    expect(volumeSourceName({ name: "v", emptyDir: {} })).toBe("emptyDir");
    expect(volumeSourceName({ name: "v" })).toBeUndefined();
  });
});
