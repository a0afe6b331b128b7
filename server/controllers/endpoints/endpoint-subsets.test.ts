import { describe, expect, it } from "vitest";
import { endpointSubsetsFor, maxEndpointsAddresses } from "./endpoint-subsets.js";
import type { PodObject, ServiceObject } from "./pod-endpoints.js";

interface PodSetup {
  ip?: string;
  ready?: boolean;
  phase?: string;
  deleting?: boolean;
  ports?: Array<{ name: string; containerPort: number; protocol?: string }>;
  hostname?: string;
  subdomain?: string;
}

function pod(name: string, setup: PodSetup = {}): PodObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "ns", uid: `uid-${name}`, labels: { app: "web" }, ...(setup.deleting ? { deletionTimestamp: "2026-01-01T00:00:00Z" } : {}) },
    spec: {
      nodeName: "node-1",
      containers: [{ name: "c", image: "i", ports: setup.ports ?? [{ name: "http", containerPort: 8080 }] }],
      ...(setup.hostname ? { hostname: setup.hostname } : {}),
      ...(setup.subdomain ? { subdomain: setup.subdomain } : {}),
    },
    status: {
      phase: setup.phase ?? "Running",
      ...(setup.ip !== "" ? { podIP: setup.ip ?? `10.0.0.${name.replace(/\D/g, "")}` } : {}),
      conditions: [{ type: "Ready", status: setup.ready === false ? "False" : "True" }],
    },
  } as PodObject;
}

function service(spec: Partial<ServiceObject["spec"]> = {}): ServiceObject {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "web", namespace: "ns" },
    spec: { selector: { app: "web" }, ports: [{ name: "http", port: 80, targetPort: "http", protocol: "TCP" }], ...spec },
  } as ServiceObject;
}

const ips = (addresses: Array<{ ip: string }> | undefined): string[] => (addresses ?? []).map((a) => a.ip);

describe("endpointSubsetsFor", () => {
  it("files ready and not-ready pods with their node and pod reference, sorted by IP", () => {
    const { subsets, truncated } = endpointSubsetsFor(service(), [pod("p10"), pod("p2"), pod("p3", { ready: false })]);
    expect(truncated).toBe(false);
    expect(subsets).toEqual([
      {
        addresses: [
          { ip: "10.0.0.2", nodeName: "node-1", targetRef: { kind: "Pod", namespace: "ns", name: "p2", uid: "uid-p2" } },
          { ip: "10.0.0.10", nodeName: "node-1", targetRef: { kind: "Pod", namespace: "ns", name: "p10", uid: "uid-p10" } },
        ],
        notReadyAddresses: [{ ip: "10.0.0.3", nodeName: "node-1", targetRef: { kind: "Pod", namespace: "ns", name: "p3", uid: "uid-p3" } }],
        ports: [{ name: "http", port: 8080, protocol: "TCP" }],
      },
    ]);
  });

  it("leaves out pods without an IP, ended ones and ones being deleted", () => {
    const pods = [pod("p1"), pod("p2", { ip: "" }), pod("p3", { phase: "Succeeded" }), pod("p4", { phase: "Failed" }), pod("p5", { deleting: true })];
    expect(ips(endpointSubsetsFor(service(), pods).subsets[0]?.addresses)).toEqual(["10.0.0.1"]);
  });

  it("with publishNotReadyAddresses lists not-ready and terminating pods as ready", () => {
    const pods = [pod("p1", { ready: false }), pod("p2", { deleting: true })];
    const [subset] = endpointSubsetsFor(service({ publishNotReadyAddresses: true }), pods).subsets;
    expect(ips(subset?.addresses)).toEqual(["10.0.0.1", "10.0.0.2"]);
    expect(subset?.notReadyAddresses).toBeUndefined();
  });

  it("resolves a named targetPort per pod: pods with other numbers get their own subset, pods without the name only the other ports", () => {
    const svc = service({
      ports: [
        { name: "http", port: 80, targetPort: "http", protocol: "TCP" },
        { name: "dns", port: 53, targetPort: 5353, protocol: "UDP" },
      ],
    });
    const pods = [
      pod("p1"),
      pod("p2", { ports: [{ name: "http", containerPort: 9090 }] }),
      pod("p3", { ports: [] }),
      // The name with another protocol is not the port.
      pod("p4", { ports: [{ name: "http", containerPort: 8080, protocol: "UDP" }] }),
    ];
    const { subsets } = endpointSubsetsFor(svc, pods);
    const byPorts = new Map(subsets.map((s) => [JSON.stringify(s.ports), ips(s.addresses)]));
    expect(byPorts).toEqual(
      new Map([
        [JSON.stringify([{ name: "dns", port: 5353, protocol: "UDP" }]), ["10.0.0.3", "10.0.0.4"]],
        [JSON.stringify([{ name: "dns", port: 5353, protocol: "UDP" }, { name: "http", port: 8080, protocol: "TCP" }]), ["10.0.0.1"]],
        [JSON.stringify([{ name: "dns", port: 5353, protocol: "UDP" }, { name: "http", port: 9090, protocol: "TCP" }]), ["10.0.0.2"]],
      ]),
    );
  });

  it("gives a headless service without ports the bare addresses, with the hostname of pods in its subdomain", () => {
    const svc = service({ clusterIP: "None", ports: [] });
    const { subsets } = endpointSubsetsFor(svc, [pod("p1", { hostname: "db-0", subdomain: "web" }), pod("p2", { hostname: "x", subdomain: "other" })]);
    expect(subsets).toEqual([
      {
        addresses: [
          { ip: "10.0.0.1", hostname: "db-0", nodeName: "node-1", targetRef: { kind: "Pod", namespace: "ns", name: "p1", uid: "uid-p1" } },
          { ip: "10.0.0.2", nodeName: "node-1", targetRef: { kind: "Pod", namespace: "ns", name: "p2", uid: "uid-p2" } },
        ],
      },
    ]);
    // A service with ports of which a pod serves none: the pod is in no subset.
    expect(endpointSubsetsFor(service(), [pod("p1", { ports: [] })]).subsets).toEqual([]);
  });

  it("keeps at most 1000 addresses, ready ones first, and says it cut", () => {
    const pods = Array.from({ length: maxEndpointsAddresses + 5 }, (_, i) => pod(`p${i}`, { ip: `10.1.${Math.floor(i / 250)}.${i % 250}`, ready: i >= 10 }));
    const { subsets, truncated } = endpointSubsetsFor(service(), pods);
    expect(truncated).toBe(true);
    // 995 ready, 10 not ready: every ready one stays, 5 not-ready ones fill the rest.
    expect(subsets[0]?.addresses).toHaveLength(995);
    expect(subsets[0]?.notReadyAddresses).toHaveLength(5);
  });
});
