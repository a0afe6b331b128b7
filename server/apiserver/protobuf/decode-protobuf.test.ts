import { describe, expect, it } from "vitest";
import { seededRandom } from "../../../test/support/seeded-random.js";
import { decodeKubernetesProtobuf } from "./decode-protobuf.js";
import { ProtobufError } from "./wire.js";

// A tiny writer for test messages: field key, then a length-delimited payload or a varint.
// Negative numbers are written as Go writes them: sign-extended to 64 bits, ten bytes.
const varint = (value: number | bigint): number[] => {
  let n = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    let byte = Number(n & 0x7fn);
    n >>= 7n;
    if (n > 0n) byte |= 0x80;
    out.push(byte);
  } while (n > 0n);
  return out;
};
const bytesField = (field: number, payload: number[]): number[] => [...varint((field << 3) | 2), ...varint(payload.length), ...payload];
const textField = (field: number, text: string): number[] => bytesField(field, [...Buffer.from(text)]);
const varintField = (field: number, n: number | bigint): number[] => [...varint(field << 3), ...varint(n)];
const message = (field: number, ...parts: number[][]): number[] => bytesField(field, parts.flat());
const entry = (field: number, key: string, value: number[]): number[] => message(field, textField(1, key), value);
// intstr.IntOrString and resource.Quantity as Go writes them.
const intOrInt = (field: number, n: number): number[] => message(field, varintField(1, 0), varintField(2, n), textField(3, ""));
const intOrText = (field: number, text: string): number[] => message(field, varintField(1, 1), varintField(2, 0), textField(3, text));
const quantity = (field: number, text: string): number[] => message(field, textField(1, text));

function envelope(apiVersion: string, kind: string, raw: number[]): Uint8Array {
  const typeMeta = [...textField(1, apiVersion), ...textField(2, kind)];
  return Uint8Array.from([0x6b, 0x38, 0x73, 0x00, ...bytesField(1, typeMeta), ...bytesField(2, raw)]);
}

describe("decodeKubernetesProtobuf", () => {
  it("reads a ConfigMap with metadata, labels, data and a bool", () => {
    const meta = [...textField(1, "cfg"), ...textField(3, "default"), ...bytesField(11, [...textField(1, "app"), ...textField(2, "web")])];
    const raw = [...bytesField(1, meta), ...bytesField(2, [...textField(1, "k"), ...textField(2, "v")]), ...varintField(4, 1)];
    expect(decodeKubernetesProtobuf(envelope("v1", "ConfigMap", raw))).toEqual({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "cfg", namespace: "default", labels: { app: "web" } },
      data: { k: "v" },
      immutable: true,
    });
  });

  it("reads Secret data as base64, as JSON carries bytes", () => {
    const raw = [...bytesField(2, [...textField(1, "p"), ...bytesField(2, [0xff, 0x00])]), ...textField(3, "Opaque")];
    expect(decodeKubernetesProtobuf(envelope("v1", "Secret", raw))).toMatchObject({ data: { p: "/wA=" }, type: "Opaque" });
  });

  it("refuses what it cannot read whole: other kinds, unknown fields, truncation, no prefix", () => {
    expect(() => decodeKubernetesProtobuf(envelope("policy/v1", "PodDisruptionBudget", []))).toThrow(/does not read PodDisruptionBudget/);
    expect(() => decodeKubernetesProtobuf(envelope("v1", "ConfigMap", textField(9, "x")))).toThrow(/field number 9/);
    const truncated = envelope("v1", "ConfigMap", textField(2, "abc")).slice(0, -2);
    expect(() => decodeKubernetesProtobuf(truncated)).toThrow(ProtobufError);
    expect(() => decodeKubernetesProtobuf(Uint8Array.from([1, 2, 3, 4, 5]))).toThrow(/prefix/);
  });

  // Deployment (apps/v1 generated.proto): metadata 1, spec 2; DeploymentSpec replicas 1, selector 2,
  // template 3, strategy 4; PodTemplateSpec metadata 1, spec 2; PodSpec volumes 1, containers 2,
  // securityContext 14; Container name 1, image 2, command 3, ports 6, env 7, resources 8, livenessProbe 10.
  const container = message(
    2,
    textField(1, "web"),
    textField(2, "nginx:1"),
    textField(3, "nginx"),
    textField(3, "-g"),
    textField(5, ""), // workingDir: Go writes the empty string; JSON would not have it
    message(6, varintField(2, 0), varintField(3, 8080), textField(4, "TCP")), // hostPort 0 is unset
    message(7, textField(1, "EMPTY"), textField(2, "")), // env value "" is unset too
    message(8, entry(1, "cpu", quantity(2, "500m")), entry(2, "memory", quantity(2, "64Mi"))),
    // Probe: ProbeHandler is inline (field 1) with httpGet 2 {path 1, port 2}; periodSeconds 4.
    message(10, message(1, message(2, textField(1, "/healthz"), intOrText(2, "http"))), varintField(4, 10)),
  );
  // Volume: name 1, VolumeSource inline at 2 with configMap 19 {LocalObjectReference inline at 1 {name 1}, defaultMode 3}.
  const volume = message(1, textField(1, "conf"), message(2, message(19, message(1, textField(1, "web-conf")), varintField(3, 0o644))));
  // PodSecurityContext supplementalGroups 4, packed as proto3 writers do: both forms must read.
  const securityContext = message(14, message(4, varint(1000), varint(2000)), varintField(4, 3000), varintField(2, -1));
  const template = message(3, message(1, entry(11, "app", textField(2, "web"))), message(2, volume, container, securityContext));
  const strategy = message(4, textField(1, "RollingUpdate"), message(2, intOrInt(1, 0), intOrText(2, "25%")));
  const deploymentMeta = message(1, textField(1, "web"), textField(2, ""), varintField(7, 0), bytesField(8, []));

  it("reads a Deployment: pointers, ints or strings, quantities, inline messages, packed lists", () => {
    const spec = message(2, varintField(1, 0), message(2, entry(1, "app", textField(2, "web"))), template, strategy, varintField(5, 0));
    expect(decodeKubernetesProtobuf(envelope("apps/v1", "Deployment", [...deploymentMeta, ...spec]))).toEqual({
      apiVersion: "apps/v1",
      kind: "Deployment",
      // generateName "", generation 0 and the zero creationTimestamp are what Go writes for unset.
      metadata: { name: "web" },
      spec: {
        replicas: 0, // a pointer in Go: 0 was asked for
        selector: { matchLabels: { app: "web" } },
        template: {
          metadata: { labels: { app: "web" } },
          spec: {
            volumes: [{ name: "conf", configMap: { name: "web-conf", defaultMode: 0o644 } }],
            containers: [
              {
                name: "web",
                image: "nginx:1",
                command: ["nginx", "-g"],
                ports: [{ containerPort: 8080, protocol: "TCP" }],
                env: [{ name: "EMPTY" }],
                resources: { limits: { cpu: "500m" }, requests: { memory: "64Mi" } },
                livenessProbe: { httpGet: { path: "/healthz", port: "http" }, periodSeconds: 10 },
              },
            ],
            securityContext: { supplementalGroups: [1000, 2000, 3000], runAsUser: -1 },
          },
        },
        strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: "25%" } },
      },
    });
  });

  it("reads a Service's int-or-string targetPort and a Job's pointers", () => {
    // Service: spec 2 {ports 1 {name 1, protocol 2, port 3, targetPort 4, nodePort 5}, selector 2, type 4}.
    const service = message(2, message(1, textField(1, "http"), textField(2, "TCP"), varintField(3, 80), intOrInt(4, 8080), varintField(5, 0)), textField(4, "ClusterIP"));
    expect(decodeKubernetesProtobuf(envelope("v1", "Service", service))).toMatchObject({
      spec: { ports: [{ name: "http", protocol: "TCP", port: 80, targetPort: 8080 }], type: "ClusterIP" },
    });
    // JobSpec: parallelism 1, completions 2, backoffLimit 7, suspend 10 — all pointers.
    const job = message(2, varintField(1, 0), varintField(2, 5), varintField(7, 0), varintField(10, 0));
    expect(decodeKubernetesProtobuf(envelope("batch/v1", "Job", job))).toEqual({
      apiVersion: "batch/v1",
      kind: "Job",
      spec: { parallelism: 0, completions: 5, backoffLimit: 0, suspend: false },
    });
  });

  it("keeps a map key named __proto__ as data", () => {
    const decoded = decodeKubernetesProtobuf(envelope("v1", "ConfigMap", entry(2, "__proto__", textField(2, "x"))));
    expect(JSON.stringify(decoded)).toBe('{"apiVersion":"v1","kind":"ConfigMap","data":{"__proto__":"x"}}');
  });

  it("keeps a time and ConfigMap binaryData bytes", () => {
    // metadata.deletionTimestamp 9 {seconds 1}; binaryData 3 map<string, bytes>.
    const raw = [...message(1, message(9, varintField(1, 1_700_000_000))), ...entry(3, "blob", bytesField(2, [0, 1, 255]))];
    expect(decodeKubernetesProtobuf(envelope("v1", "ConfigMap", raw))).toEqual({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { deletionTimestamp: "2023-11-14T22:13:20Z" },
      binaryData: { blob: "AAH/" },
    });
  });

  it("names where an unknown or malformed field sits", () => {
    const deep = (inner: number[][]): Uint8Array => envelope("apps/v1", "Deployment", message(2, message(3, message(2, message(2, ...inner)))));
    expect(() => decodeKubernetesProtobuf(deep([textField(1, "a"), textField(99, "x")]))).toThrow(
      "spec.template.spec.containers[0] has field number 99, which skiff does not read from protobuf",
    );
    expect(() => decodeKubernetesProtobuf(deep([textField(1, "a"), message(6, textField(3, "80"))]))).toThrow(
      "spec.template.spec.containers[0].ports[0].containerPort is not an integer",
    );
    expect(() => decodeKubernetesProtobuf(deep([message(10, message(1, message(3, message(1, varintField(1, 7)))))]))).toThrow(
      "spec.template.spec.containers[0].livenessProbe.tcpSocket.port has int-or-string type 7",
    );
    const tooBig = envelope("v1", "Pod", message(2, varintField(4, 2n ** 60n)));
    expect(() => decodeKubernetesProtobuf(tooBig)).toThrow("spec.terminationGracePeriodSeconds is 1152921504606846976, beyond what JSON numbers carry exactly");
  });

  it("never throws anything but ProtobufError on random bytes", () => {
    const random = seededRandom(7);
    const next = (): number => Math.floor(random() * 256);
    for (let i = 0; i < 2000; i++) {
      const body = Uint8Array.from([0x6b, 0x38, 0x73, 0x00, ...Array.from({ length: next() % 64 }, next)]);
      try {
        decodeKubernetesProtobuf(body);
      } catch (error) {
        expect(error).toBeInstanceOf(ProtobufError);
      }
    }
  });
});
