import { describe, expect, it } from "vitest";
import { podSchema } from "./pod.js";
import { podReferences } from "./pod-references.js";

describe("podReferences", () => {
  it("finds every Secret, ConfigMap, claim and ServiceAccount a pod names, each once", () => {
    const pod = podSchema.parse({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "web", namespace: "homelab" },
      spec: {
        serviceAccountName: "builder",
        imagePullSecrets: [{ name: "pull" }],
        volumes: [
          { name: "s", secret: { secretName: "tls" } },
          { name: "c", configMap: { name: "site" } },
          { name: "d", persistentVolumeClaim: { claimName: "data" } },
          { name: "p", projected: { sources: [{ secret: { name: "proj-secret" } }, { configMap: { name: "proj-cfg" } }, { serviceAccountToken: { path: "t" } }] } },
        ],
        initContainers: [{ name: "init", image: "busybox", envFrom: [{ secretRef: { name: "init-env" } }] }],
        containers: [
          {
            name: "main",
            image: "busybox",
            envFrom: [{ configMapRef: { name: "env-cfg" } }],
            env: [
              { name: "A", valueFrom: { secretKeyRef: { name: "tls", key: "k" } } },
              { name: "B", valueFrom: { configMapKeyRef: { name: "key-cfg", key: "k" } } },
              { name: "C", value: "plain" },
            ],
          },
        ],
      },
    });
    expect(podReferences(pod).map((r) => `${r.resource}/${r.name}`).sort()).toEqual([
      "configmaps/env-cfg",
      "configmaps/key-cfg",
      "configmaps/proj-cfg",
      "configmaps/site",
      "persistentvolumeclaims/data",
      "secrets/init-env",
      "secrets/proj-secret",
      "secrets/pull",
      "secrets/tls",
      "serviceaccounts/builder",
    ]);
  });

  it("names nothing for a pod that refers to nothing", () => {
    const pod = podSchema.parse({ apiVersion: "v1", kind: "Pod", metadata: { name: "bare" }, spec: { containers: [{ name: "m", image: "x" }] } });
    expect(podReferences(pod)).toEqual([]);
  });
});
