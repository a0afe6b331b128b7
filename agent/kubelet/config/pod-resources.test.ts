import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Container } from "../../../src/api/core/v1/container.js";
import type { ObjectReference } from "../../../src/api/core/v1/object-reference.js";
import type { EventRecorder, EventType } from "../../../src/client/events/event-recorder.js";
import { FakeClock } from "../../../src/clock.js";
import { createLogger } from "../../../src/log.js";
import { NodePodResources } from "./pod-resources.js";
import { MapObjectSource } from "../testing/map-object-source.js";
import { FakeTokenRequests } from "../testing/fake-token-requests.js";
import { parsePod } from "../testing/parse-pod.js";

let root: string;
let resources: NodePodResources;
const events: Array<{ involved: ObjectReference; type: EventType; reason: string; message: string }> = [];
const recorder: EventRecorder = { event: (involved, type, reason, message) => void events.push({ involved, type, reason, message }) };
const objects = new MapObjectSource()
  .putConfigMap("default", "app-config", { "app.conf": "a=1", "not=valid": "x" })
  .putSecret("default", "regcred", { ".dockerconfigjson": JSON.stringify({ auths: { "127.0.0.1:5000": { username: "u", password: "p" } } }) }, "kubernetes.io/dockerconfigjson");

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "skiff-podresources-"));
  events.length = 0;
  const clock = new FakeClock();
  resources = new NodePodResources({ root, objects, events: recorder, clock, log: createLogger("silent"), requestToken: new FakeTokenRequests(clock).requestToken });
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const pod = parsePod({
  metadata: { name: "web", namespace: "default", uid: "uid-9" },
  spec: {
    imagePullSecrets: [{ name: "regcred" }],
    volumes: [{ name: "config", configMap: { name: "app-config" } }],
    containers: [
      {
        name: "app",
        image: "127.0.0.1:5000/app:1",
        envFrom: [{ configMapRef: { name: "app-config" } }],
        volumeMounts: [{ name: "config", mountPath: "/etc/app/app.conf", subPath: "app.conf" }],
      },
    ],
  },
});

describe("NodePodResources", () => {
  it("prepares volumes, builds configs that mount them, and releases the pod", async () => {
    await resources.prepare(pod);
    const config = resources.containerConfig(pod, pod.spec.containers[0] as Container, { attempt: 0, nodeName: "n" });
    const mount = config.mounts[0];
    expect(mount?.readOnly).toBe(true);
    expect(mount?.containerPath).toBe("/etc/app/app.conf");
    expect(await readFile(mount?.hostPath ?? "", "utf8")).toBe("a=1");

    await resources.release("uid-9");
    await expect(stat(path.join(root, "pods", "uid-9"))).rejects.toThrow(/ENOENT/);
  });

  it("records the kubelet's warning event for envFrom keys it leaves out", async () => {
    await resources.prepare(pod);
    resources.containerConfig(pod, pod.spec.containers[0] as Container, { attempt: 0, nodeName: "n" });
    expect(events).toEqual([
      {
        involved: { apiVersion: "v1", kind: "Pod", namespace: "default", name: "web", uid: "uid-9" },
        type: "Warning",
        reason: "InvalidEnvironmentVariableNames",
        message:
          "Keys [not=valid] from the EnvFrom configMap default/app-config were skipped since they are considered invalid environment variable names.",
      },
    ]);
  });

  it("gives the pod's pull credentials", () => {
    expect(resources.pullAuths(pod)).toEqual([{ serverAddress: "127.0.0.1:5000", username: "u", password: "p" }]);
  });
});
