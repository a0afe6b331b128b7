import { describe, expect, it } from "vitest";
import { servicePrinter } from "./service.js";

const now = Date.parse("2024-05-01T12:00:00Z");
const created = new Date(now - 2 * 86_400_000 - 5 * 3600_000).toISOString();

function service(spec: Record<string, unknown>, status: Record<string, unknown> = {}): unknown {
  return { metadata: { name: "web", namespace: "default", creationTimestamp: created }, spec, status };
}

describe("services", () => {
  it("have NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, then SELECTOR", () => {
    expect(servicePrinter.columns.map((c) => [c.name, c.priority])).toEqual([
      ["Name", 0],
      ["Type", 0],
      ["Cluster-IP", 0],
      ["External-IP", 0],
      ["Port(s)", 0],
      ["Age", 0],
      ["Selector", 1],
    ]);
  });

  it("a ClusterIP service", () => {
    const cells = servicePrinter.cells(
      service({
        type: "ClusterIP",
        clusterIP: "10.43.0.15",
        clusterIPs: ["10.43.0.15"],
        selector: { app: "web", tier: "front" },
        ports: [
          { name: "http", port: 80, targetPort: 8080, protocol: "TCP" },
          { name: "dns", port: 53, protocol: "UDP" },
        ],
      }),
      now,
    );
    expect(cells).toEqual(["web", "ClusterIP", "10.43.0.15", "<none>", "80/TCP,53/UDP", "2d5h", "app=web,tier=front"]);
  });

  it("a NodePort service shows port:nodePort", () => {
    const cells = servicePrinter.cells(
      service({ type: "NodePort", clusterIPs: ["10.43.7.1"], ports: [{ port: 80, nodePort: 30080, protocol: "TCP" }] }),
      now,
    );
    expect(cells.slice(1, 5)).toEqual(["NodePort", "10.43.7.1", "<none>", "80:30080/TCP"]);
  });

  it("external IPs of a ClusterIP or NodePort service", () => {
    const cells = servicePrinter.cells(service({ type: "NodePort", externalIPs: ["192.0.2.1", "192.0.2.2"], ports: [] }), now);
    expect(cells.slice(3, 5)).toEqual(["192.0.2.1,192.0.2.2", "<none>"]);
  });

  it("a LoadBalancer is <pending> until it has ingress addresses, then shows them before its external IPs", () => {
    const spec = { type: "LoadBalancer", clusterIPs: ["10.43.0.9"], ports: [{ port: 443, nodePort: 31443, protocol: "TCP" }] };
    expect(servicePrinter.cells(service(spec), now)[3]).toBe("<pending>");
    const ready = service(
      { ...spec, externalIPs: ["192.0.2.9"] },
      { loadBalancer: { ingress: [{ ip: "203.0.113.4" }, { hostname: "lb.example.com" }, { ip: "203.0.113.4" }] } },
    );
    expect(servicePrinter.cells(ready, now)[3]).toBe("203.0.113.4,lb.example.com,192.0.2.9");
  });

  it("a headless service and an ExternalName service", () => {
    const headless = servicePrinter.cells(service({ type: "ClusterIP", clusterIP: "None", clusterIPs: ["None"], selector: { app: "db" } }), now);
    expect(headless.slice(1, 5)).toEqual(["ClusterIP", "None", "<none>", "<none>"]);
    const external = servicePrinter.cells(service({ type: "ExternalName", externalName: "db.example.com" }), now);
    expect(external.slice(1, 5)).toEqual(["ExternalName", "<none>", "db.example.com", "<none>"]);
    expect(external[6]).toBe("<none>");
  });

  it("defaults: ClusterIP type and TCP protocol", () => {
    expect(servicePrinter.cells(service({ ports: [{ port: 8080 }] }), now).slice(1, 5)).toEqual(["ClusterIP", "<none>", "<none>", "8080/TCP"]);
  });
});
