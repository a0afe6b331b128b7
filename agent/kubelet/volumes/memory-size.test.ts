import { describe, expect, it } from "vitest";
import type { Volume } from "../../../src/api/core/v1/volume.js";
import { parsePod } from "../testing/parse-pod.js";
import { emptyDirMemoryBytes } from "./memory-size.js";

const Mi = 1024 * 1024;
const memoryVolume = (sizeLimit?: string): Volume => ({ name: "cache", emptyDir: { medium: "Memory", sizeLimit } });
const podWithLimits = (...limits: Array<string | undefined>) =>
  parsePod({
    spec: { containers: limits.map((memory, i) => ({ name: `c${i}`, resources: memory ? { limits: { memory } } : undefined })) },
  });

describe("emptyDirMemoryBytes", () => {
  it("is the sizeLimit when nothing smaller applies", () => {
    expect(emptyDirMemoryBytes(podWithLimits(undefined), memoryVolume("64Mi"), undefined)).toBe(64 * Mi);
  });

  it("is capped by the pod's memory limit when every container has one", () => {
    expect(emptyDirMemoryBytes(podWithLimits("16Mi", "16Mi"), memoryVolume("64Mi"), undefined)).toBe(32 * Mi);
    expect(emptyDirMemoryBytes(podWithLimits("16Mi", undefined), memoryVolume("64Mi"), undefined)).toBe(64 * Mi);
  });

  it("is capped by the node's allocatable memory, and is that without any other limit", () => {
    expect(emptyDirMemoryBytes(podWithLimits(undefined), memoryVolume("1Gi"), 512 * Mi)).toBe(512 * Mi);
    expect(emptyDirMemoryBytes(podWithLimits(undefined), memoryVolume(), 512 * Mi)).toBe(512 * Mi);
  });

  it("counts the biggest init container when it is larger than the containers together", () => {
    const pod = parsePod({
      spec: {
        initContainers: [{ name: "i", resources: { limits: { memory: "100Mi" } } }],
        containers: [{ name: "c", resources: { limits: { memory: "10Mi" } } }],
      },
    });
    expect(emptyDirMemoryBytes(pod, memoryVolume(), undefined)).toBe(100 * Mi);
  });

  it("is undefined when no size is known", () => {
    expect(emptyDirMemoryBytes(podWithLimits(undefined), memoryVolume(), undefined)).toBeUndefined();
  });
});
