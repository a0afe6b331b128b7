import { describe, expect, it } from "vitest";
import { parseWith } from "../../schema/parse.js";
import { formatFieldError } from "../../validation/field-error.js";
import { setPodDefaults } from "./pod-defaults.js";
import { podSchema, type Pod } from "./pod.js";
import { validatePod } from "./pod-validation.js";
import { validatePodUpdate } from "./pod-update-validation.js";

function decodePod(spec: Record<string, unknown>, metadata: Record<string, unknown> = { name: "web" }): Pod {
  const parsed = parseWith(podSchema, { apiVersion: "v1", kind: "Pod", metadata, spec });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  setPodDefaults(parsed.value);
  return parsed.value;
}

const problems = (spec: Record<string, unknown>, metadata?: Record<string, unknown>): string[] =>
  validatePod(decodePod(spec, metadata)).map(formatFieldError);

const web = { name: "web", image: "nginx:1.25" };

describe("pod validation", () => {
  it("accepts a plain pod", () => {
    expect(problems({ containers: [web] })).toEqual([]);
  });

  it("requires a name or generateName, and checks both", () => {
    expect(problems({ containers: [web] }, {})).toEqual(["metadata.name: Required value: name or generateName is required"]);
    expect(problems({ containers: [web] }, { generateName: "web-" })).toEqual([]);
    expect(problems({ containers: [web] }, { name: "Web_1", namespace: "Default" })).toEqual([
      'metadata.name: Invalid value: "Web_1": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')',
      'metadata.namespace: Invalid value: "Default": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character (e.g. \'my-name\',  or \'123-abc\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?\')',
    ]);
  });

  it("requires containers, names and images, and unique names across init containers", () => {
    expect(problems({ containers: [] })).toEqual(["spec.containers: Required value"]);
    expect(
      problems({
        initContainers: [{ name: "web", image: "busybox" }],
        containers: [web, { name: "web" }, { image: "x" }],
      }),
    ).toEqual([
      "spec.containers[1].image: Required value",
      'spec.containers[1].name: Duplicate value: "web"',
      "spec.containers[2].name: Required value",
      'spec.initContainers[0].name: Duplicate value: "web"',
    ]);
  });

  it("checks ports: range, names, protocols, host port conflicts", () => {
    expect(
      problems({
        containers: [
          {
            ...web,
            ports: [
              { name: "http", containerPort: 80, hostPort: 8080 },
              { name: "http", containerPort: 70000, protocol: "HTTP" },
              { name: "Metrics_Port", containerPort: 9090 },
              { containerPort: 81, hostPort: 8080 },
            ],
          },
        ],
      }),
    ).toEqual([
      'spec.containers[0].ports[1].name: Duplicate value: "http"',
      "spec.containers[0].ports[1].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
      'spec.containers[0].ports[1].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
      'spec.containers[0].ports[2].name: Invalid value: "Metrics_Port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'spec.containers[0].ports[3].hostPort: Duplicate value: "/TCP/8080"',
    ]);
  });

  it("finds volume mounts of missing or invalid volumes, and duplicate volumes", () => {
    expect(
      problems({
        volumes: [{ name: "cache" }, { name: "cache" }, { name: "cfg", configMap: {} }],
        containers: [
          {
            ...web,
            volumeMounts: [
              { name: "data", mountPath: "/data" },
              { name: "cache", mountPath: "/data" },
              { name: "cfg", mountPath: "/etc/app", subPath: "../x" },
            ],
          },
        ],
      }),
    ).toEqual([
      'spec.volumes[1].name: Duplicate value: "cache"',
      "spec.volumes[2].configMap.name: Required value",
      'spec.containers[0].volumeMounts[0].name: Not found: "data"',
      'spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/data": must be unique',
      'spec.containers[0].volumeMounts[2].name: Not found: "cfg"',
      "spec.containers[0].volumeMounts.subPath: Invalid value: \"../x\": must not contain '..'",
    ]);
  });

  it("checks volume sources", () => {
    expect(
      problems({
        volumes: [
          { name: "two", emptyDir: {}, hostPath: { path: "/x" } },
          { name: "host", hostPath: { path: "/x", type: "Dir" } },
          { name: "s", secret: { secretName: "s", defaultMode: 1000, items: [{ key: "", path: "/abs" }] } },
          { name: "pvc", persistentVolumeClaim: {} },
        ],
        containers: [web],
      }),
    ).toEqual([
      "spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type",
      'spec.volumes[1].hostPath.type: Unsupported value: "Dir": supported values: "", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"',
      "spec.volumes[2].secret.defaultMode: Invalid value: 1000: must be a number between 0 and 0777 (octal), both inclusive",
      "spec.volumes[2].secret.items[0].key: Required value",
      'spec.volumes[2].secret.items[0].path: Invalid value: "/abs": must be a relative path',
      "spec.volumes[3].persistentVolumeClaim.claimName: Required value",
    ]);
  });

  it("checks env and envFrom", () => {
    expect(
      problems({
        containers: [
          {
            ...web,
            env: [
              { name: "A=B", value: "x" },
              { name: "FROM", value: "x", valueFrom: { secretKeyRef: { name: "s", key: "k" } } },
              { name: "NONE", valueFrom: {} },
              { name: "NODE", valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } },
              { name: "PHASE", valueFrom: { fieldRef: { fieldPath: "status.phase" } } },
              { name: "LABEL", valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } },
              { name: "MEM", valueFrom: { resourceFieldRef: { resource: "limits.memory", divisor: "1Mi" } } },
              { name: "CPU", valueFrom: { resourceFieldRef: { resource: "limits.gpu" } } },
            ],
            envFrom: [{ configMapRef: { name: "cfg" }, secretRef: { name: "s" } }, {}],
          },
        ],
      }),
    ).toEqual([
      "spec.containers[0].env[0].name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='",
      'spec.containers[0].env[1].valueFrom: Invalid value: "": may not be specified when `value` is not empty',
      'spec.containers[0].env[2].valueFrom: Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`',
      'spec.containers[0].env[4].valueFrom.fieldRef.fieldPath: Unsupported value: "status.phase": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"',
      'spec.containers[0].env[7].valueFrom.resourceFieldRef.resource: Unsupported value: "limits.gpu": supported values: "limits.cpu", "limits.ephemeral-storage", "limits.memory", "requests.cpu", "requests.ephemeral-storage", "requests.memory"',
      'spec.containers[0].envFrom: Invalid value: "": may not have more than one field specified at a time',
      'spec.containers[0].envFrom: Invalid value: "": must specify one of: `configMapRef` or `secretRef`',
    ]);
  });

  it("checks resources: names, quantities, requests not above limits", () => {
    expect(
      problems({
        containers: [
          {
            ...web,
            resources: {
              requests: { cpu: "2", memory: "-1Gi", gpu: "1", "nvidia.com/gpu": "1" },
              limits: { cpu: "500m", memory: "lots", "nvidia.com/gpu": "2" },
            },
          },
        ],
      }),
    ).toEqual([
      "spec.containers[0].resources.limits[memory]: Invalid value: \"lots\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
      'spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 500m',
      'spec.containers[0].resources.requests[memory]: Invalid value: "-1Gi": must be greater than or equal to 0',
      'spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified',
      'spec.containers[0].resources.requests: Invalid value: "1": must be equal to nvidia.com/gpu limit of 2',
    ]);
  });

  it("checks probes and lifecycle hooks", () => {
    expect(
      problems({
        terminationGracePeriodSeconds: 10,
        containers: [
          {
            ...web,
            livenessProbe: { exec: { command: ["true"] }, httpGet: { port: 80 }, successThreshold: 2 },
            readinessProbe: { httpGet: { port: "web-http-port-too-long", scheme: "FTP" }, terminationGracePeriodSeconds: 5 },
            startupProbe: {},
            lifecycle: { preStop: { sleep: { seconds: 20 } } },
          },
        ],
      }),
    ).toEqual([
      "spec.containers[0].lifecycle.preStop.sleep: Invalid value: 20: must be non-negative and less than or equal to terminationGracePeriodSeconds (10)",
      "spec.containers[0].livenessProbe.httpGet: Forbidden: may not specify more than 1 handler type",
      "spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1",
      'spec.containers[0].readinessProbe.httpGet.port: Invalid value: "web-http-port-too-long": must be no more than 15 characters',
      'spec.containers[0].readinessProbe.httpGet.scheme: Unsupported value: "FTP": supported values: "HTTP", "HTTPS"',
      "spec.containers[0].readinessProbe.terminationGracePeriodSeconds: Invalid value: 5: must not be set for readinessProbes",
      "spec.containers[0].startupProbe: Required value: must specify a handler type",
    ]);
  });

  it("forbids probes on plain init containers but not on sidecars", () => {
    expect(
      problems({
        initContainers: [
          { name: "init", image: "busybox", readinessProbe: { exec: { command: ["true"] } } },
          { name: "sidecar", image: "envoy", restartPolicy: "Always", readinessProbe: { exec: { command: ["true"] } } },
          { name: "odd", image: "x", restartPolicy: "Never" },
        ],
        containers: [web],
      }),
    ).toEqual([
      "spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers",
      'spec.initContainers[2].restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ]);
  });

  it("checks pod-level policies and names", () => {
    expect(
      problems({
        restartPolicy: "Sometimes",
        dnsPolicy: "None",
        nodeSelector: { "kubernetes.io/os": "linux!" },
        serviceAccountName: "Robot",
        hostname: "my.host",
        activeDeadlineSeconds: 0,
        priorityClassName: "high",
        containers: [web],
      }),
    ).toEqual([
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
      'spec.nodeSelector: Invalid value: "linux!": a valid label must be an empty string or consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyValue\',  or \'my_value\',  or \'12345\', regex used for validation is \'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\')',
      "spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None",
      'spec.serviceAccountName: Invalid value: "Robot": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')',
      "spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive",
      'spec.hostname: Invalid value: "my.host": must not contain dots',
    ]);
  });

  it("checks scheduling: tolerations, affinity, topology spread", () => {
    expect(
      problems({
        containers: [web],
        tolerations: [
          { operator: "Exists" },
          { key: "dedicated", operator: "Equal", value: "gpu", effect: "NoSchedule" },
          { key: "dedicated", operator: "Exists", value: "x" },
          { value: "x" },
          { key: "k", effect: "NoExecuteNow", tolerationSeconds: 30 },
        ],
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "zone", operator: "In" }] }] },
            preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, preference: {} }],
          },
          podAntiAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              { weight: 100, podAffinityTerm: { labelSelector: { matchLabels: { app: "web" } }, topologyKey: "kubernetes.io/hostname" } },
            ],
            requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchExpressions: [{ key: "app", operator: "Is" }] } }],
          },
        },
        topologySpreadConstraints: [
          { maxSkew: 1, topologyKey: "zone", whenUnsatisfiable: "DoNotSchedule" },
          { maxSkew: 0, topologyKey: "zone", whenUnsatisfiable: "DoNotSchedule" },
        ],
      }),
    ).toEqual([
      "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      "spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100",
      'spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchExpressions[0].operator: Invalid value: "Is": not a valid selector operator',
      "spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty",
      'spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: "": name part must be non-empty',
      "spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: \"\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      'spec.topologySpreadConstraints[0].{topologyKey, whenUnsatisfiable}: Duplicate value: "{zone, DoNotSchedule}"',
      "spec.topologySpreadConstraints[1].maxSkew: Invalid value: 0: must be greater than zero",
      'spec.tolerations[2].operator: Invalid value: {"key":"dedicated","operator":"Exists","value":"x"}: value must be empty when `operator` is \'Exists\'',
      'spec.tolerations[3].operator: Invalid value: "": operator must be Exists when `key` is empty, which means "match all values and all keys"',
      'spec.tolerations[4].effect: Invalid value: "NoExecuteNow": effect must be \'NoExecute\' when `tolerationSeconds` is set',
      'spec.tolerations[4].effect: Unsupported value: "NoExecuteNow": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
    ]);
  });

  it("checks security contexts", () => {
    expect(
      problems({
        shareProcessNamespace: true,
        hostPID: true,
        securityContext: { runAsUser: -1, seccompProfile: { type: "Localhost" }, sysctls: [{ name: "net.core.somaxconn", value: "1" }, { name: "net.core.somaxconn", value: "2" }] },
        containers: [{ ...web, securityContext: { privileged: true, allowPrivilegeEscalation: false, procMount: "Open" } }],
      }),
    ).toEqual([
      "spec.containers[0].securityContext.procMount: Unsupported value: \"Open\": supported values: \"Default\", \"Unmasked\"",
      'spec.containers[0].securityContext: Invalid value: {"privileged":true,"allowPrivilegeEscalation":false,"procMount":"Open"}: cannot set `allowPrivilegeEscalation` to false and `privileged` to true',
      "spec.securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive",
      "spec.shareProcessNamespace: Invalid value: true: ShareProcessNamespace and HostPID cannot both be enabled",
      'spec.securityContext.sysctls[1].name: Duplicate value: "net.core.somaxconn"',
      "spec.securityContext.seccompProfile.localhostProfile: Required value: must be set when seccomp type is Localhost",
    ]);
  });

  it("requires host ports to match container ports under hostNetwork", () => {
    expect(problems({ hostNetwork: true, containers: [{ ...web, ports: [{ containerPort: 80, hostPort: 8080 }] }] })).toEqual([
      "spec.containers[0].ports[0].containerPort: Invalid value: 80: must match `hostPort` when `hostNetwork` is true",
    ]);
  });
});

describe("pod update validation", () => {
  const base = decodePod({ containers: [web], tolerations: [{ key: "a", operator: "Exists" }], activeDeadlineSeconds: 100 }, {
    name: "web",
    uid: "u1",
  });
  const update = (change: (pod: Pod) => void): string[] => {
    const next = structuredClone(base);
    change(next);
    return validatePodUpdate(next, base).map(formatFieldError);
  };

  it("allows images, shorter deadlines and added tolerations to change", () => {
    expect(
      update((pod) => {
        pod.spec.containers[0]!.image = "nginx:1.26";
        pod.spec.activeDeadlineSeconds = 50;
        pod.spec.tolerations!.push({ key: "b", operator: "Exists" });
        pod.metadata.labels = { fresh: "label" };
      }),
    ).toEqual([]);
  });

  it("refuses any other spec change and names what changed", () => {
    expect(
      update((pod) => {
        pod.spec.containers[0]!.command = ["sh"];
        pod.spec.restartPolicy = "Never";
      }),
    ).toEqual([
      "spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\nchanged: spec.containers[0].command, spec.restartPolicy",
    ]);
  });

  it("refuses removed tolerations, longer deadlines, new names and new containers", () => {
    expect(
      update((pod) => {
        pod.spec.tolerations = [];
        pod.spec.activeDeadlineSeconds = 200;
        pod.metadata.name = "other";
        pod.metadata.uid = "u2";
      }),
    ).toEqual([
      'metadata.name: Invalid value: "other": field is immutable',
      'metadata.uid: Invalid value: "u2": field is immutable',
      "spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds",
      "spec.activeDeadlineSeconds: Invalid value: 200: must be less than or equal to previous value",
    ]);
    expect(update((pod) => pod.spec.containers.push({ name: "two", image: "x" }))).toEqual([
      "spec.containers: Forbidden: pod updates may not add or remove containers",
    ]);
  });
});
