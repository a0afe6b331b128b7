import { describe, expect, it } from "vitest";
import { decodeObject } from "../../../src/api/decode.js";
import { benchPod, withUpdateMark } from "./bench-pod.js";

describe("benchPod", () => {
  it("is a valid Pod of about 1 KiB", () => {
    const pod = benchPod("web-00042");
    const result = decodeObject(pod);
    expect(result.ok ? [] : result.errors).toEqual([]);
    expect(JSON.stringify(pod).length).toBeGreaterThan(900);
    expect(JSON.stringify(pod).length).toBeLessThan(1300);
  });
});

describe("withUpdateMark", () => {
  it("changes one annotation and keeps the rest, resourceVersion included", () => {
    const pod = benchPod("web-1");
    pod.metadata = { ...pod.metadata, resourceVersion: "17" };
    const updated = withUpdateMark(pod, 3);
    expect(updated.metadata).toMatchObject({
      name: "web-1",
      resourceVersion: "17",
      annotations: { "skiff.dev/bench": "apiserver", "skiff.dev/update": "3" },
    });
    expect(updated.spec).toEqual(pod.spec);
    expect(pod.metadata.annotations).toEqual({ "skiff.dev/bench": "apiserver" });
  });
});
