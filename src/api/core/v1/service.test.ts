import { describe, expect, it } from "vitest";
import { decodeObject } from "../../decode.js";
import { formatFieldError } from "../../validation/field-error.js";
import { keepAllocatedServiceFields, type Service } from "./service.js";
import { validateServiceUpdate } from "./service-validation.js";

const service = (spec: Record<string, unknown>, name = "web") => ({ apiVersion: "v1", kind: "Service", metadata: { name }, spec });

function decodeService(spec: Record<string, unknown>): Service {
  const result = decodeObject(service(spec));
  if (!result.ok) throw new Error(result.errors.map(formatFieldError).join("\n"));
  if (result.object.kind !== "Service") throw new Error(`decoded a ${result.object.kind}`);
  return result.object;
}

const problems = (spec: Record<string, unknown>, name?: string): string[] => {
  const result = decodeObject(service(spec, name));
  return result.ok ? [] : result.errors.map(formatFieldError);
};

describe("service defaults", () => {
  it("defaults type, affinity, protocols, target ports and traffic policy", () => {
    expect(decodeService({ selector: { app: "web" }, ports: [{ name: "http", port: 80 }, { name: "dns", port: 53, protocol: "UDP", targetPort: "dns" }] }).spec).toEqual({
      selector: { app: "web" },
      ports: [
        { name: "http", port: 80, protocol: "TCP", targetPort: 80 },
        { name: "dns", port: 53, protocol: "UDP", targetPort: "dns" },
      ],
      type: "ClusterIP",
      sessionAffinity: "None",
      internalTrafficPolicy: "Cluster",
    });
  });

  it("gives NodePort and LoadBalancer services an external traffic policy", () => {
    const lb = decodeService({ type: "LoadBalancer", ports: [{ port: 443 }], sessionAffinity: "ClientIP" });
    expect(lb.spec.externalTrafficPolicy).toBe("Cluster");
    expect(lb.spec.allocateLoadBalancerNodePorts).toBe(true);
    expect(lb.spec.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 10800 } });
    expect(decodeService({ type: "NodePort", ports: [{ port: 80 }] }).spec.externalTrafficPolicy).toBe("Cluster");
  });

  it("keeps clusterIP and clusterIPs in step", () => {
    expect(decodeService({ clusterIP: "None", selector: { app: "db" } }).spec.clusterIPs).toEqual(["None"]);
    expect(decodeService({ clusterIPs: ["10.43.0.10"], ports: [{ port: 53 }] }).spec.clusterIP).toBe("10.43.0.10");
  });
});

describe("service validation", () => {
  it("names must be DNS-1035 labels", () => {
    expect(problems({ ports: [{ port: 80 }] }, "1web")).toEqual([
      "metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    ]);
  });

  it("requires ports except for headless and ExternalName services", () => {
    expect(problems({ selector: { app: "web" } })).toEqual(["spec.ports: Required value"]);
    expect(problems({ clusterIP: "None", selector: { app: "web" } })).toEqual([]);
    expect(problems({ type: "ExternalName", externalName: "db.example.com." })).toEqual([]);
    expect(problems({ type: "ExternalName" })).toEqual(["spec.externalName: Required value"]);
  });

  it("checks ports: names when several, ranges, protocols, duplicates, node ports", () => {
    expect(
      problems({
        type: "NodePort",
        ports: [
          { name: "http", port: 80, nodePort: 30080 },
          { port: 0, protocol: "ICMP", targetPort: "not_a_name" },
          { name: "http", port: 80, nodePort: 30080 },
          { name: "admin", port: 9000, nodePort: 8080 },
        ],
      }),
    ).toEqual([
      "spec.ports[1].name: Required value",
      "spec.ports[1].port: Invalid value: 0: must be between 1 and 65535, inclusive",
      'spec.ports[1].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"',
      'spec.ports[1].targetPort: Invalid value: "not_a_name": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'spec.ports[2].name: Duplicate value: "http"',
      "spec.ports[3].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767",
      "spec.ports[2].nodePort: Duplicate value: 30080",
      'spec.ports[2]: Duplicate value: {"port":80,"protocol":"TCP"}',
    ]);
  });

  it("checks type, clusterIP, affinity and policies", () => {
    expect(
      problems({
        type: "Internal",
        clusterIP: "10.43.0.300",
        sessionAffinity: "Cookie",
        externalTrafficPolicy: "Local",
        ports: [{ port: 80, nodePort: 30001 }],
      }),
    ).toEqual([
      'spec.sessionAffinity: Unsupported value: "Cookie": supported values: "ClientIP", "None"',
      'spec.clusterIPs[0]: Invalid value: "10.43.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
      'spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
      'spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services',
    ]);
    expect(problems({ ports: [{ port: 80, nodePort: 30001 }] })).toEqual([
      "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
    ]);
  });
});

describe("service update validation", () => {
  const old = decodeService({ clusterIP: "10.43.0.20", type: "NodePort", ports: [{ port: 80, nodePort: 30080 }] });

  it("keeps clusterIP once set", () => {
    const changed = decodeService({ clusterIP: "10.43.0.21", type: "NodePort", ports: [{ port: 80 }] });
    expect(validateServiceUpdate(changed, old).map(formatFieldError)).toEqual([
      'spec.clusterIP: Invalid value: "10.43.0.21": field is immutable',
    ]);
  });

  it("carries allocated values over to an update that does not name them", () => {
    const applied = decodeService({ type: "NodePort", ports: [{ port: 80 }] });
    keepAllocatedServiceFields(applied, old);
    expect(applied.spec.clusterIP).toBe("10.43.0.20");
    expect(applied.spec.ports?.[0]?.nodePort).toBe(30080);
    expect(validateServiceUpdate(applied, old)).toEqual([]);
  });

  it("lets a service become ExternalName", () => {
    const external = decodeService({ type: "ExternalName", externalName: "example.com" });
    expect(validateServiceUpdate(external, old)).toEqual([]);
  });
});
