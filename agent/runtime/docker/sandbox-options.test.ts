import { describe, expect, it } from "vitest";
import type { SandboxConfig } from "../container-runtime.js";
import { ownerLabels } from "./docker-labels.js";
import { sandboxCreateOptions } from "./sandbox-options.js";

const owner = ownerLabels("node-1");

const base: SandboxConfig = {
  pod: { uid: "u-1", namespace: "ns", name: "web" },
  attempt: 1,
  image: "pause:1",
  hostname: "web",
  hostNetwork: false,
  network: "skiff-pods",
  portMappings: [
    { protocol: "TCP", containerPort: 80, hostPort: 8080 },
    { protocol: "TCP", containerPort: 80, hostPort: 8081, hostIP: "127.0.0.1" },
    { protocol: "UDP", containerPort: 53, hostPort: 5353 },
  ],
  podLabels: { app: "web", "io.kubernetes.pod.uid": "forged" },
  dns: { servers: ["10.43.0.10"], searches: ["ns.svc.cluster.local"], options: ["ndots:5"] },
  hosts: [{ ip: "10.0.0.1", hostnames: ["a", "b"] }],
};

describe("sandboxCreateOptions", () => {
  it("names, labels and places the sandbox on the pod network with its ports", () => {
    const options = sandboxCreateOptions(base, owner);
    expect(options.name).toBe("k8s_POD_web_ns_u-1_1");
    expect(options.Hostname).toBe("web");
    expect(options.Labels).toMatchObject({
      app: "web",
      "io.kubernetes.pod.uid": "u-1",
      "io.kubernetes.container.name": "POD",
      "io.kubernetes.docker.type": "podsandbox",
      "skiff.dev/attempt": "1",
      "skiff.dev/host-network": "false",
      "skiff.dev/managed-by": "skiff-agent",
      "skiff.dev/node": "node-1",
    });
    expect(options.ExposedPorts).toEqual({ "80/tcp": {}, "53/udp": {} });
    expect(options.HostConfig).toMatchObject({
      NetworkMode: "skiff-pods",
      PortBindings: {
        "80/tcp": [
          { HostIp: "", HostPort: "8080" },
          { HostIp: "127.0.0.1", HostPort: "8081" },
        ],
        "53/udp": [{ HostIp: "", HostPort: "5353" }],
      },
      Dns: ["10.43.0.10"],
      DnsSearch: ["ns.svc.cluster.local"],
      DnsOptions: ["ndots:5"],
      ExtraHosts: ["a:10.0.0.1", "b:10.0.0.1"],
      IpcMode: "shareable",
    });
  });

  it("on the host's network sets no hostname and publishes nothing", () => {
    const options = sandboxCreateOptions({ ...base, hostNetwork: true }, owner);
    expect(options.Hostname).toBeUndefined();
    expect(options.HostConfig?.NetworkMode).toBe("host");
    expect(options.HostConfig?.PortBindings).toEqual({});
    expect(options.Labels?.["skiff.dev/host-network"]).toBe("true");
  });

  it("without a pod network uses Docker's default bridge", () => {
    expect(sandboxCreateOptions({ ...base, network: undefined }, owner).HostConfig?.NetworkMode).toBe("bridge");
  });
});
