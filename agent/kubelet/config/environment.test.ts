import { describe, expect, it } from "vitest";
import type { Container } from "../../../src/api/core/v1/container.js";
import type { Pod } from "../../../src/api/core/v1/pod.js";
import { ContainerConfigError } from "../pod-dependencies.js";
import { containerEnvironment } from "./environment.js";
import { MapObjectSource } from "../testing/map-object-source.js";
import { parsePod } from "../testing/parse-pod.js";

function podWith(container: Partial<Container>): Pod {
  return parsePod({
    metadata: { name: "web-1", namespace: "default", uid: "uid-1", labels: { app: "web" } },
    spec: { nodeName: "node-a", containers: [{ name: "app", image: "busybox", ...container }] },
  });
}

const objects = new MapObjectSource()
  .putConfigMap("default", "app-config", { mode: "prod", PORT: "8080", "bad=key": "x" })
  .putConfigMap("default", "more", { PORT: "9090", EXTRA: "e" })
  .putSecret("default", "db", { password: "s3cret", user: "admin" });
const addresses = { podIPs: ["10.42.0.9"], hostIPs: ["192.168.0.2"] };

function env(container: Partial<Container>, source = objects): Record<string, string> {
  const pod = podWith(container);
  const result = containerEnvironment({ pod, container: pod.spec.containers[0] as Container, objects: source, addresses });
  return Object.fromEntries(result.env.map((e) => [e.name, e.value]));
}
function names(container: Partial<Container>): string[] {
  const pod = podWith(container);
  return containerEnvironment({ pod, container: pod.spec.containers[0] as Container, objects, addresses }).env.map((e) => e.name);
}
const configError = (container: Partial<Container>): string => {
  try {
    env(container);
  } catch (error) {
    expect(error).toBeInstanceOf(ContainerConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ContainerConfigError");
};

describe("containerEnvironment: order and precedence", () => {
  it("puts envFrom first, sources in order, keys sorted; a later source overrides an earlier one", () => {
    const container = { envFrom: [{ configMapRef: { name: "app-config" } }, { configMapRef: { name: "more" } }] };
    expect(names(container)).toEqual(["mode", "EXTRA", "PORT"]);
    expect(env(container)).toMatchObject({ PORT: "9090", mode: "prod", EXTRA: "e" });
  });

  it("applies env after envFrom: env wins and takes its declared place", () => {
    const container = {
      envFrom: [{ configMapRef: { name: "app-config" } }],
      env: [{ name: "A", value: "1" }, { name: "PORT", value: "80" }],
    };
    expect(names(container)).toEqual(["mode", "A", "PORT"]);
    expect(env(container).PORT).toBe("80");
  });

  it("prefixes envFrom keys and reads Secrets decoded", () => {
    expect(env({ envFrom: [{ prefix: "DB_", secretRef: { name: "db" } }] })).toEqual({ DB_password: "s3cret", DB_user: "admin" });
  });

  it("skips keys that are not env var names and says so in the kubelet's words", () => {
    const pod = podWith({ envFrom: [{ configMapRef: { name: "app-config" } }] });
    const result = containerEnvironment({ pod, container: pod.spec.containers[0] as Container, objects, addresses });
    expect(result.env.map((e) => e.name)).not.toContain("bad=key");
    expect(result.skipped).toEqual([
      "Keys [bad=key] from the EnvFrom configMap default/app-config were skipped since they are considered invalid environment variable names.",
    ]);
  });

  it("skips a missing optional envFrom source and fails on a missing required one", () => {
    expect(env({ envFrom: [{ configMapRef: { name: "nope", optional: true } }, { secretRef: { name: "gone", optional: true } }] })).toEqual({});
    expect(configError({ envFrom: [{ configMapRef: { name: "nope" } }] })).toBe('configmap "nope" not found');
    expect(configError({ envFrom: [{ secretRef: { name: "gone" } }] })).toBe('secret "gone" not found');
  });
});

describe("containerEnvironment: $(VAR) expansion", () => {
  it("expands references to earlier variables and envFrom keys, not later ones", () => {
    const result = env({
      envFrom: [{ configMapRef: { name: "app-config" } }],
      env: [
        { name: "HOST", value: "db" },
        { name: "URL", value: "$(HOST):$(PORT)/$(LATER)" },
        { name: "LATER", value: "x" },
        { name: "ESCAPED", value: "$$(HOST) costs $$5" },
        { name: "MISSING", value: "$(NOPE)" },
      ],
    });
    expect(result).toMatchObject({ URL: "db:8080/$(LATER)", ESCAPED: "$(HOST) costs $5", MISSING: "$(NOPE)" });
  });

  it("does not expand values from sources", () => {
    const source = new MapObjectSource().putConfigMap("default", "c", { v: "$(HOST)" });
    expect(env({ env: [{ name: "HOST", value: "h" }, { name: "V", valueFrom: { configMapKeyRef: { name: "c", key: "v" } } }] }, source).V).toBe(
      "$(HOST)",
    );
  });

  it("gives an empty value to a variable with neither value nor source", () => {
    expect(env({ env: [{ name: "EMPTY" }] })).toEqual({ EMPTY: "" });
  });
});

describe("containerEnvironment: valueFrom", () => {
  it("resolves every fieldRef", () => {
    const field = (fieldPath: string) => ({ name: fieldPath, valueFrom: { fieldRef: { apiVersion: "v1", fieldPath } } });
    const result = env({
      env: [
        field("metadata.name"),
        field("metadata.namespace"),
        field("metadata.uid"),
        field("metadata.labels['app']"),
        field("spec.nodeName"),
        field("status.podIP"),
        field("status.hostIP"),
      ],
    });
    expect(result).toEqual({
      "metadata.name": "web-1",
      "metadata.namespace": "default",
      "metadata.uid": "uid-1",
      "metadata.labels['app']": "web",
      "spec.nodeName": "node-a",
      "status.podIP": "10.42.0.9",
      "status.hostIP": "192.168.0.2",
    });
  });

  it("resolves resourceFieldRef against the container itself", () => {
    const result = env({
      resources: { limits: { memory: "64Mi" } },
      env: [{ name: "MEM", valueFrom: { resourceFieldRef: { resource: "limits.memory", divisor: "1Mi" } } }],
    });
    expect(result.MEM).toBe("64");
  });

  it("reads configMapKeyRef and secretKeyRef", () => {
    const result = env({
      env: [
        { name: "MODE", valueFrom: { configMapKeyRef: { name: "app-config", key: "mode" } } },
        { name: "PW", valueFrom: { secretKeyRef: { name: "db", key: "password" } } },
      ],
    });
    expect(result).toEqual({ MODE: "prod", PW: "s3cret" });
  });

  it("leaves out optional references that are missing", () => {
    const result = env({
      env: [
        { name: "A", valueFrom: { configMapKeyRef: { name: "nope", key: "k", optional: true } } },
        { name: "B", valueFrom: { configMapKeyRef: { name: "app-config", key: "nokey", optional: true } } },
        { name: "C", valueFrom: { secretKeyRef: { name: "nope", key: "k", optional: true } } },
        { name: "D", valueFrom: { secretKeyRef: { name: "db", key: "nokey", optional: true } } },
      ],
    });
    expect(result).toEqual({});
  });

  it("fails on missing required references with the kubelet's messages", () => {
    const ref = (kind: "configMapKeyRef" | "secretKeyRef", name: string, key: string) => ({
      env: [{ name: "X", valueFrom: { [kind]: { name, key } } }],
    });
    expect(configError(ref("configMapKeyRef", "nope", "mode"))).toBe('configmap "nope" not found');
    expect(configError(ref("configMapKeyRef", "app-config", "missing"))).toBe("couldn't find key missing in ConfigMap default/app-config");
    expect(configError(ref("secretKeyRef", "nope", "password"))).toBe('secret "nope" not found');
    expect(configError(ref("secretKeyRef", "db", "missing"))).toBe("couldn't find key missing in Secret default/db");
  });

  it("turns field errors into ContainerConfigError", () => {
    expect(configError({ env: [{ name: "X", valueFrom: { fieldRef: { fieldPath: "spec.nope" } } }] })).toBe("unsupported fieldPath: spec.nope");
    expect(configError({ env: [{ name: "X", valueFrom: { resourceFieldRef: { resource: "limits.gpu" } } }] })).toBe(
      "unsupported container resource : limits.gpu",
    );
  });
});

describe("containerEnvironment: service links", () => {
  const serviceEnv = new Map([
    ["KUBERNETES_SERVICE_HOST", "10.43.0.1"],
    ["DB_SERVICE_HOST", "10.43.0.5"],
  ]);
  const withServices = (container: Partial<Container>) => {
    const pod = podWith(container);
    return containerEnvironment({ pod, container: pod.spec.containers[0] as Container, objects, addresses, serviceEnv }).env;
  };

  it("adds them after the container's own variables, which win", () => {
    expect(withServices({ env: [{ name: "DB_SERVICE_HOST", value: "mine" }, { name: "A", value: "a" }] })).toEqual([
      { name: "DB_SERVICE_HOST", value: "mine" },
      { name: "A", value: "a" },
      { name: "KUBERNETES_SERVICE_HOST", value: "10.43.0.1" },
    ]);
  });

  it("lets values refer to them", () => {
    expect(withServices({ env: [{ name: "API", value: "https://$(KUBERNETES_SERVICE_HOST)" }] })[0]).toEqual({
      name: "API",
      value: "https://10.43.0.1",
    });
  });
});
