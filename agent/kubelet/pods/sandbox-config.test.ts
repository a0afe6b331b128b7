import { describe, expect, it } from "vitest";
import { container, podOf } from "./testing/harness.js";
import { sandboxConfig } from "./sandbox-config.js";

const settings = { pauseImage: "pause:1", network: "skiff-pods", clusterDns: { servers: ["10.43.0.10"], domain: "cluster.local" } };

describe("sandboxConfig", () => {
  it("gives a pod the cluster DNS, its hostPorts, hostname and labels", () => {
    const pod = podOf("web", { containers: [container("main", { ports: [{ containerPort: 80, hostPort: 8080 }, { containerPort: 53, protocol: "UDP" }] })] });
    pod.metadata.namespace = "shop";
    pod.metadata.labels = { app: "web" };
    expect(sandboxConfig(pod, 2, settings)).toEqual({
      pod: { uid: pod.metadata.uid, namespace: "shop", name: "web" },
      attempt: 2,
      image: "pause:1",
      hostname: "web",
      hostNetwork: false,
      network: "skiff-pods",
      portMappings: [{ protocol: "TCP", containerPort: 80, hostPort: 8080 }],
      podLabels: { app: "web" },
      dns: { servers: ["10.43.0.10"], searches: ["shop.svc.cluster.local", "svc.cluster.local", "cluster.local"], options: ["ndots:5"] },
    });
  });

  it("leaves a host-network pod the node's DNS unless ClusterFirstWithHostNet, and dnsPolicy None takes only dnsConfig", () => {
    expect(sandboxConfig(podOf("h", { hostNetwork: true }), 0, settings).dns).toBeUndefined();
    expect(sandboxConfig(podOf("h", { hostNetwork: true, dnsPolicy: "ClusterFirstWithHostNet" }), 0, settings).dns?.servers).toEqual(["10.43.0.10"]);
    const none = podOf("n", { dnsPolicy: "None", dnsConfig: { nameservers: ["1.1.1.1"], options: [{ name: "ndots", value: "2" }] } });
    expect(sandboxConfig(none, 0, settings).dns).toEqual({ servers: ["1.1.1.1"], searches: [], options: ["ndots:2"] });
  });
});
