import { describe, expect, it } from "vitest";
import { describedEventSchema } from "./describe-events.js";
import { describeObject, fieldLabel } from "./describe-object.js";

const now = Date.parse("2024-05-01T12:00:00Z");

const service = {
  apiVersion: "v1",
  kind: "Service",
  metadata: {
    name: "web",
    namespace: "default",
    uid: "u-1",
    creationTimestamp: "2024-05-01T11:00:00Z",
    labels: { tier: "front", app: "web" },
    annotations: {
      "kubectl.kubernetes.io/last-applied-configuration": "{}\n",
      owner: "team-a",
      script: "echo one\necho two\n",
      long: "x".repeat(140),
    },
    managedFields: [{ manager: "kubectl" }],
  },
  spec: {
    clusterIPs: ["10.43.0.7"],
    ports: [
      { port: 80, protocol: "TCP" },
      { port: 443, protocol: "TCP" },
    ],
    selector: { "app.kubernetes.io/name": "web" },
    publishNotReadyAddresses: false,
  },
  status: { loadBalancer: {} },
};

describe("describeObject", () => {
  it("prints the header, then every field as a tree, as kubectl's generic describer does", () => {
    expect(describeObject(service, undefined, now)).toBe(
      [
        "Name:         web",
        "Namespace:    default",
        "Labels:       app=web",
        "              tier=front",
        "Annotations:  long:",
        `                ${"x".repeat(138)}...`,
        "              owner: team-a",
        "              script:",
        "                echo one",
        "                echo two",
        "API Version:  v1",
        "Kind:         Service",
        "Metadata:",
        "  Creation Timestamp:  2024-05-01T11:00:00Z",
        "  UID:                 u-1",
        "Spec:",
        "  Cluster I Ps:",
        "    10.43.0.7",
        "  Ports:",
        // One block with the line after: the widest label sets the column, as in kubectl.
        "    Port:                       80",
        "    Protocol:                   TCP",
        "    Port:                       443",
        "    Protocol:                   TCP",
        "  Publish Not Ready Addresses:  false",
        "  Selector:",
        "    app.kubernetes.io/name:  web",
        "Status:",
        "  Load Balancer:",
        "",
      ].join("\n"),
    );
  });

  it("says <none> for no labels, annotations or events", () => {
    const text = describeObject({ apiVersion: "v1", kind: "Namespace", metadata: { name: "tools" } }, [], now);
    expect(text).toBe(
      [
        "Name:         tools",
        "Namespace:    ",
        "Labels:       <none>",
        "Annotations:  <none>",
        "API Version:  v1",
        "Kind:         Namespace",
        "Metadata:",
        // After a line with no value the block is new.
        "Events:  <none>",
        "",
      ].join("\n"),
    );
  });

  it("lists events oldest first, aligned apart from the fields", () => {
    const events = [
      { type: "Normal", reason: "Scaled", message: "scaled to 3 ", count: 3, firstTimestamp: "2024-05-01T11:50:00Z", lastTimestamp: "2024-05-01T11:59:00Z", source: { component: "deployment-controller" } },
      { type: "Warning", reason: "Failed", message: "oops", eventTime: "2024-05-01T11:58:30.000000Z", reportingController: "skiff-agent" },
      { type: "Normal", reason: "Ready", message: "ok", series: { count: 4, lastObservedTime: "2024-05-01T11:59:58.000000Z" }, eventTime: "2024-05-01T11:40:00.000000Z" },
    ].map((event) => describedEventSchema.parse(event));
    const text = describeObject({ apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "default" } }, events, now);
    expect(text.split("Metadata:\n")[1]).toBe(
      [
        "Events:",
        "  Type     Reason  Age                From                   Message",
        "  ----     ------  ----               ----                   -------",
        "  Warning  Failed  90s                skiff-agent            oops",
        "  Normal   Scaled  60s (x3 over 10m)  deployment-controller  scaled to 3",
        "  Normal   Ready   2s (x4 over 20m)                          ok",
        "",
      ].join("\n"),
    );
  });
});

describe("fieldLabel", () => {
  it("spells field names out as kubectl does", () => {
    expect(fieldLabel("creationTimestamp")).toBe("Creation Timestamp");
    expect(fieldLabel("apiVersion")).toBe("API Version");
    expect(fieldLabel("uid")).toBe("UID");
    expect(fieldLabel("hostIP")).toBe("Host IP");
    expect(fieldLabel("podIPs")).toBe("Pod I Ps");
    expect(fieldLabel("targetURL")).toBe("Target URL");
    expect(fieldLabel("x-forwarded")).toBe("X - Forwarded");
    expect(fieldLabel("app.kubernetes.io/name")).toBe("app.kubernetes.io/name");
    expect(fieldLabel("http2")).toBe("http2");
  });
});
