import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { decodeObject } from "../../src/api/decode.js";
import type { KubeObject } from "../../src/api/registry.js";
import { formatFieldError } from "../../src/api/validation/field-error.js";
import { formatLoadError } from "../../src/yaml/load-error.js";
import { loadManifests, type LoadedManifest } from "../../src/yaml/load-manifests.js";

const fixtures = fileURLToPath(new URL("../fixtures/manifests/", import.meta.url));

function load(file: string): LoadedManifest[] {
  const result = loadManifests(readFileSync(`${fixtures}${file}`, "utf8"), file);
  expect(result.errors.map(formatLoadError)).toEqual([]);
  return result.manifests;
}

/** Every object of a file decoded: the object, or its field errors as Kubernetes prints them. */
function decodeFile(file: string): ({ object: KubeObject } | { errors: string[] })[] {
  return load(file).map((manifest) => {
    const result = decodeObject(manifest.object);
    return result.ok ? { object: result.object } : { errors: result.errors.map(formatFieldError) };
  });
}

function decodeValid(file: string): KubeObject[] {
  return decodeFile(file).map((decoded, i) => {
    if ("errors" in decoded) throw new Error(`${file} document ${i + 1}:\n${decoded.errors.join("\n")}`);
    return decoded.object;
  });
}

describe("valid manifests", () => {
  const files = readdirSync(`${fixtures}valid`).filter((name) => name.endsWith(".yaml"));

  it.each(files)("%s decodes without a single error", (file) => {
    expect(decodeValid(`valid/${file}`).length).toBeGreaterThan(0);
  });

  it("the nginx Deployment gets its defaults, in the template too", () => {
    const [, deployment, service] = decodeValid("valid/nginx.yaml");
    if (deployment?.kind !== "Deployment" || service?.kind !== "Service") throw new Error("unexpected kinds");
    expect(deployment.spec.strategy).toEqual({ type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } });
    const pod = deployment.spec.template.spec;
    expect(pod).toMatchObject({ restartPolicy: "Always", dnsPolicy: "ClusterFirst", schedulerName: "default-scheduler" });
    expect(pod.containers[0]).toMatchObject({ imagePullPolicy: "IfNotPresent", terminationMessagePolicy: "File" });
    expect(pod.containers[0]?.readinessProbe).toMatchObject({ timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 });
    expect(pod.volumes?.[0]?.configMap?.defaultMode).toBe(420);
    expect(service.spec).toMatchObject({ externalTrafficPolicy: "Cluster", sessionAffinity: "None" });
    expect(service.spec.ports?.[0]).toMatchObject({ protocol: "TCP", targetPort: "http" });
  });

  it("kubectl's dry-run output keeps its meaning", () => {
    const [deployment, service] = decodeValid("valid/kubectl-dry-run.yaml");
    if (deployment?.kind !== "Deployment" || service?.kind !== "Service") throw new Error("unexpected kinds");
    expect(deployment.metadata.creationTimestamp).toBeUndefined();
    expect(deployment.spec.template.spec.containers[0]?.imagePullPolicy).toBe("Always");
    expect(service.spec.ports?.[0]?.targetPort).toBe(80);
  });

  it("secrets keep stringData as base64 data", () => {
    const [credentials] = decodeValid("valid/secrets.yaml");
    if (credentials?.kind !== "Secret") throw new Error("unexpected kind");
    expect(Buffer.from(credentials.data?.password ?? "", "base64").toString("utf8")).toBe("correct horse battery staple");
    expect(credentials.stringData).toBeUndefined();
  });

  it("quantities come back as Kubernetes writes them", () => {
    const objects = decodeValid("valid/cluster-basics.yaml");
    const redis = objects.find((object) => object.kind === "Deployment");
    const node = objects.find((object) => object.kind === "Node");
    if (redis?.kind !== "Deployment" || node?.kind !== "Node") throw new Error("unexpected kinds");
    expect(redis.spec.template.spec.containers[0]?.resources?.requests).toEqual({ cpu: "100m", memory: "128Mi" });
    expect(node.status?.allocatable).toEqual({ cpu: "4", memory: "3880Mi", pods: "110" });
  });
});

const dns1123Subdomain =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const qualifiedNamePart =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const configKey =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";
const affinity = "spec.template.spec.affinity";
const antiAffinityTerm = `${affinity}.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0]`;

/** For each broken file, document by document, exactly what Kubernetes would say. */
const expected: Record<string, string[][]> = {
  "deployment-missing-image.yaml": [["spec.template.spec.containers[0].image: Required value"]],
  "deployment-selector-mismatch.yaml": [
    ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`'],
  ],
  "deployment-typos.yaml": [
    [
      "spec.template.spec.contianers: Unknown field",
      "spec.template.spec.containers[0].resource: Unknown field",
      "metadata.labels[version]: Invalid value: 1: must be of type string",
      'spec.replicas: Invalid value: "three": must be of type int32',
      'spec.template.spec.containers[0].ports[0].containerPort: Invalid value: "8080": must be of type int32',
    ],
  ],
  "pod-problems.yaml": [
    [
      `metadata.name: Invalid value: "Worker_1": ${dns1123Subdomain}`,
      `metadata.labels: Invalid value: "-tier": ${qualifiedNamePart}`,
      'spec.volumes[1].name: Duplicate value: "cache"',
      "spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
      'spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
      'spec.containers[0].env[0].valueFrom: Invalid value: "": may not be specified when `value` is not empty',
      'spec.containers[0].volumeMounts[0].name: Not found: "data"',
      'spec.initContainers[0].name: Duplicate value: "setup"',
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    ],
  ],
  "resources.yaml": [
    [
      'spec.containers[0].resources.limits[memory]: Invalid value: "-1Gi": must be greater than or equal to 0',
      'spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 500m',
      "spec.containers[0].resources.requests[memory]: Invalid value: \"1.5 GB\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
      'spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified',
    ],
  ],
  "service-problems.yaml": [
    [
      "metadata.name: Invalid value: \"1-web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
      "spec.ports[0].name: Required value",
      'spec.ports[0].targetPort: Invalid value: "http_port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      "spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767",
      'spec.ports[2].name: Duplicate value: "https"',
      'spec.ports[2]: Duplicate value: {"port":443,"protocol":"TCP"}',
    ],
    [
      "spec.ports: Required value",
      'spec.clusterIPs[0]: Invalid value: "10.43.0.999": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    ],
  ],
  "job-restart-always.yaml": [
    [
      "spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0",
      'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    ],
  ],
  "config-and-secrets.yaml": [
    [],
    [`data[config/app.yaml]: Invalid value: "config/app.yaml": ${configKey}`, `data[..data]: Invalid value: "..data": must not start with '..'`],
    ['data[password]: Invalid value: "<secret contents redacted>": illegal base64 data at input byte 4'],
    ["data[tls.key]: Required value"],
  ],
  "rbac-problems.yaml": [
    ["rules[0].verbs: Required value: verbs must contain at least one value"],
    [
      'roleRef.kind: Unsupported value: "Roles": supported values: "Role", "ClusterRole"',
      'subjects[0].apiGroup: Unsupported value: "users.example.com": supported values: "rbac.authorization.k8s.io"',
    ],
    ["subjects[0].namespace: Required value"],
  ],
  "daemonset-problems.yaml": [
    [
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"log-shipper"}: `selector` does not match template `labels`',
      "spec.template.spec.containers[0].livenessProbe.httpGet.port: Invalid value: 0: must be between 1 and 65535, inclusive",
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
      "spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0",
    ],
  ],
  "not-kubernetes.yaml": [
    ['kind: Invalid value: "StatefulSet": no kind "StatefulSet" is registered for version "apps/v1"'],
    ["metadata.name: Required value: name or generateName is required", "spec.containers: Required value"],
    ["apiVersion: Required value"],
  ],
  "scheduling-problems.yaml": [
    [
      `${affinity}.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator`,
      `${antiAffinityTerm}.weight: Invalid value: 200: must be in the range 1-100`,
      `${antiAffinityTerm}.podAffinityTerm.topologyKey: Required value: can not be empty`,
      `${antiAffinityTerm}.podAffinityTerm.topologyKey: Invalid value: "": name part must be non-empty`,
      `${antiAffinityTerm}.podAffinityTerm.topologyKey: Invalid value: "": ${qualifiedNamePart}`,
      "spec.template.spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero",
      'spec.template.spec.topologySpreadConstraints[0].whenUnsatisfiable: Unsupported value: "Never": supported values: "DoNotSchedule", "ScheduleAnyway"',
      'spec.template.spec.tolerations[0].operator: Invalid value: {"key":"dedicated","operator":"Exists","value":"gpu"}: value must be empty when `operator` is \'Exists\'',
      'spec.template.spec.tolerations[1].operator: Invalid value: "": operator must be Exists when `key` is empty, which means "match all values and all keys"',
      "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0",
    ],
  ],
};

describe("invalid manifests", () => {
  it("every broken file has its expected errors written down", () => {
    const files = readdirSync(`${fixtures}invalid`).filter((name) => name.endsWith(".yaml"));
    expect(files.sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.entries(expected))("%s reports exactly its field errors", (file, documents) => {
    const reported = decodeFile(`invalid/${file}`).map((decoded) => ("errors" in decoded ? decoded.errors : []));
    expect(reported).toEqual(documents);
  });
});
