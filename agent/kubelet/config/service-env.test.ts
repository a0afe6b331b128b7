import { describe, expect, it } from "vitest";
import type { Service } from "../../../src/api/core/v1/service.js";
import { serviceEnvironment, type ServiceSource } from "./service-env.js";

const service = (namespace: string, name: string, clusterIP: string, ports: Array<{ name?: string; port: number; protocol?: string }>): Service => ({
  apiVersion: "v1",
  kind: "Service",
  metadata: { namespace, name },
  spec: { clusterIP, ports },
});
const source = (list: Service[]): ServiceSource => ({
  hasSynced: () => true,
  services: (namespace) => list.filter((s) => s.metadata.namespace === namespace),
});
const cluster = source([
  service("default", "kubernetes", "10.43.0.1", [{ name: "https", port: 443 }]),
  service("default", "other", "10.43.0.9", [{ port: 80 }]),
  service("shop", "redis-primary", "10.43.0.5", [{ port: 6379 }, { name: "metrics", port: 9121, protocol: "TCP" }]),
  service("shop", "headless", "None", [{ port: 80 }]),
  service("shop", "dns", "fd00::a", [{ port: 53, protocol: "UDP" }]),
]);

describe("serviceEnvironment", () => {
  it("gives the master service's variables to every pod", () => {
    expect(Object.fromEntries(serviceEnvironment(cluster, "shop", false))).toEqual({
      KUBERNETES_SERVICE_HOST: "10.43.0.1",
      KUBERNETES_SERVICE_PORT: "443",
      KUBERNETES_SERVICE_PORT_HTTPS: "443",
      KUBERNETES_PORT: "tcp://10.43.0.1:443",
      KUBERNETES_PORT_443_TCP: "tcp://10.43.0.1:443",
      KUBERNETES_PORT_443_TCP_PROTO: "tcp",
      KUBERNETES_PORT_443_TCP_PORT: "443",
      KUBERNETES_PORT_443_TCP_ADDR: "10.43.0.1",
    });
  });

  it("adds the namespace's services with a cluster IP when links are on", () => {
    const env = serviceEnvironment(cluster, "shop", true);
    expect(Object.fromEntries(env)).toMatchObject({
      REDIS_PRIMARY_SERVICE_HOST: "10.43.0.5",
      REDIS_PRIMARY_SERVICE_PORT: "6379",
      REDIS_PRIMARY_SERVICE_PORT_METRICS: "9121",
      REDIS_PRIMARY_PORT: "tcp://10.43.0.5:6379",
      REDIS_PRIMARY_PORT_9121_TCP: "tcp://10.43.0.5:9121",
      DNS_PORT_53_UDP: "udp://[fd00::a]:53",
      DNS_PORT_53_UDP_PROTO: "udp",
    });
    expect([...env.keys()].some((k) => k.startsWith("HEADLESS_") || k.startsWith("OTHER_"))).toBe(false);
    expect([...env.keys()][0]).toBe("DNS_SERVICE_HOST");
  });

  it("lets a namespace's own kubernetes service win over the master one", () => {
    const own = source([service("default", "kubernetes", "10.43.0.1", [{ port: 443 }]), service("lab", "kubernetes", "10.43.7.7", [{ port: 8443 }])]);
    expect(serviceEnvironment(own, "lab", true).get("KUBERNETES_SERVICE_HOST")).toBe("10.43.7.7");
    expect(serviceEnvironment(own, "lab", false).get("KUBERNETES_SERVICE_HOST")).toBe("10.43.0.1");
  });
});
