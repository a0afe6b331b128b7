import { describe, expect, it } from "vitest";
import { parsePod } from "../testing/parse-pod.js";
import { downwardAPIPayload } from "./downward-api.js";

const pod = parsePod({
  metadata: { name: "web", namespace: "shop", uid: "u1", labels: { app: "web", zone: "a" }, annotations: { build: "7" } },
  spec: { containers: [{ name: "app", resources: { limits: { memory: "64Mi" }, requests: { cpu: "250m" } } }] },
});
const text = (items: Parameters<typeof downwardAPIPayload>[1], mode?: number) =>
  Object.fromEntries([...downwardAPIPayload(pod, items, mode, { cpu: "2" })].map(([p, f]) => [p, [f.data.toString(), f.mode.toString(8)]]));

describe("downwardAPIPayload", () => {
  it("writes pod fields, labels and annotations as the kubelet formats them", () => {
    expect(
      text([
        { path: "name", fieldRef: { fieldPath: "metadata.name" } },
        { path: "namespace", fieldRef: { fieldPath: "metadata.namespace" } },
        { path: "uid", fieldRef: { fieldPath: "metadata.uid" } },
        { path: "labels", fieldRef: { fieldPath: "metadata.labels" } },
        { path: "annotations", fieldRef: { fieldPath: "metadata.annotations" } },
        { path: "./sub/../app", fieldRef: { fieldPath: "metadata.labels['app']" } },
      ]),
    ).toEqual({
      name: ["web", "644"],
      namespace: ["shop", "644"],
      uid: ["u1", "644"],
      labels: ['app="web"\nzone="a"', "644"],
      annotations: ['build="7"', "644"],
      app: ["web", "644"],
    });
  });

  it("writes container resources, unset limits from the node's allocatable", () => {
    expect(
      text(
        [
          { path: "mem", resourceFieldRef: { containerName: "app", resource: "limits.memory", divisor: "1Mi" } },
          { path: "cpu-req", resourceFieldRef: { containerName: "app", resource: "requests.cpu", divisor: "1m" }, mode: 0o600 },
          { path: "cpu-limit", resourceFieldRef: { containerName: "app", resource: "limits.cpu" } },
        ],
        0o444,
      ),
    ).toEqual({ mem: ["64", "444"], "cpu-req": ["250", "600"], "cpu-limit": ["2", "444"] });
  });

  it("tries every item and reports all errors together", () => {
    expect(() =>
      text([
        { path: "a", fieldRef: { fieldPath: "spec.nodeName" } },
        { path: "b", resourceFieldRef: { containerName: "ghost", resource: "limits.cpu" } },
      ]),
    ).toThrow("[unsupported fieldPath: spec.nodeName, container ghost not found]");
  });
});
