import type { ApiObject } from "../../../src/client/rest/rest-client.js";
import type { ResourceRef } from "../../../src/client/rest/paths.js";

export const pods: ResourceRef = { group: "", version: "v1", resource: "pods", namespaced: true };
export const namespaces: ResourceRef = { group: "", version: "v1", resource: "namespaces", namespaced: false };

/**
 * A Pod as a Deployment would stamp it out, about 1 KiB of JSON: labels, an
 * annotation, one container with ports, env, resources, a mount and probes.
 * `name` must be a DNS label.
 */
export function benchPod(name: string): ApiObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      labels: { app: "web", tier: "frontend", release: "stable", "pod-template-hash": "7d9f8c6b5" },
      annotations: { "skiff.dev/bench": "apiserver" },
    },
    spec: {
      containers: [
        {
          name: "web",
          image: "registry.example.com/team/web:1.27.3",
          imagePullPolicy: "IfNotPresent",
          args: ["--listen=:8080", "--metrics=:9090"],
          ports: [
            { name: "http", containerPort: 8080, protocol: "TCP" },
            { name: "metrics", containerPort: 9090, protocol: "TCP" },
          ],
          env: [
            { name: "LOG_LEVEL", value: "info" },
            { name: "CACHE_SIZE", value: "256" },
            { name: "UPSTREAM_URL", value: "http://api.default.svc.cluster.local:8080" },
          ],
          resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
          volumeMounts: [{ name: "config", mountPath: "/etc/web", readOnly: true }],
          readinessProbe: { httpGet: { path: "/ready", port: 8080 }, periodSeconds: 5 },
          livenessProbe: { httpGet: { path: "/healthz", port: 8080 }, initialDelaySeconds: 10, periodSeconds: 10 },
        },
      ],
      volumes: [{ name: "config", configMap: { name: "web-config" } }],
      restartPolicy: "Always",
      terminationGracePeriodSeconds: 30,
    },
  };
}

/** The pod with a changed annotation, ready to PUT back with its resourceVersion: a typical controller update. */
export function withUpdateMark(pod: ApiObject, mark: number): ApiObject {
  const metadata = pod.metadata ?? {};
  const annotations = { ...(metadata.annotations as Record<string, string> | undefined), "skiff.dev/update": String(mark) };
  return { ...pod, metadata: { ...metadata, annotations } };
}
