import { describe, expect, it } from "vitest";
import { podTemplateSpecSchema } from "../../api/core/v1/pod-template.js";
import { describeProbe } from "./container-description.js";
import { describePodTemplate } from "./pod-template-description.js";

const probeDefaults = { timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 };

// A template as the server stores it (defaults in place), with much of what kubectl describes.
const rich = podTemplateSpecSchema.parse({
  metadata: {
    labels: { app: "web", tier: "front", "pod-template-hash": "rich" },
    annotations: {
      "kubernetes.io/change-cause": "kubectl set image deployment/web main=nginx:5",
      "kubectl.kubernetes.io/last-applied-configuration": "{}",
      note: "multi\nline",
      long: "L".repeat(150),
    },
  },
  spec: {
    serviceAccountName: "builder",
    priorityClassName: "high",
    nodeSelector: { zone: "a", disk: "ssd" },
    tolerations: [
      { key: "b", operator: "Exists", effect: "NoSchedule" },
      { operator: "Exists" },
      { key: "a", value: "v", effect: "NoExecute", tolerationSeconds: 30 },
    ],
    topologySpreadConstraints: [
      { maxSkew: 1, topologyKey: "zone", whenUnsatisfiable: "DoNotSchedule", labelSelector: { matchLabels: { app: "web" } } },
      { maxSkew: 2, topologyKey: "host", whenUnsatisfiable: "ScheduleAnyway" },
    ],
    initContainers: [{ name: "init", image: "busybox", command: ["sh", "-c", "echo a\necho b"] }],
    containers: [
      {
        name: "main",
        image: "nginx:5",
        args: ["--x"],
        ports: [
          { containerPort: 80, protocol: "TCP" },
          { containerPort: 53, hostPort: 5353, protocol: "UDP" },
        ],
        resources: { limits: { cpu: "1", memory: "256Mi" }, requests: { cpu: "0.25", memory: "128Mi" } },
        livenessProbe: { httpGet: { path: "/healthz", port: 8080, scheme: "HTTP" }, ...probeDefaults },
        readinessProbe: { tcpSocket: { port: "http" }, initialDelaySeconds: 5, ...probeDefaults },
        startupProbe: { exec: { command: ["cat", "/ready"] }, ...probeDefaults },
        envFrom: [{ configMapRef: { name: "cm" } }, { prefix: "S_", secretRef: { name: "sec", optional: true } }],
        env: [
          { name: "PLAIN", value: "one\ntwo" },
          { name: "POD", valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "metadata.name" } } },
          { name: "CPU", valueFrom: { resourceFieldRef: { resource: "limits.cpu", divisor: "1m" } } },
          { name: "MEM", valueFrom: { resourceFieldRef: { resource: "limits.memory" } } },
          { name: "EPH", valueFrom: { resourceFieldRef: { resource: "limits.ephemeral-storage" } } },
          { name: "PW", valueFrom: { secretKeyRef: { name: "sec", key: "pw" } } },
          { name: "CFG", valueFrom: { configMapKeyRef: { name: "cm", key: "k", optional: true } } },
        ],
        volumeMounts: [
          { name: "data", mountPath: "/var/data" },
          { name: "cfg", mountPath: "/etc/cfg", readOnly: true, subPath: "app.conf" },
        ],
        securityContext: { seccompProfile: { type: "Localhost", localhostProfile: "p.json" } },
      },
      { name: "side", image: "busybox", ports: [{ containerPort: 9000, protocol: "TCP" }] },
    ],
    volumes: [
      { name: "data", emptyDir: {} },
      { name: "tmp", emptyDir: { medium: "Memory", sizeLimit: "64Mi" } },
      { name: "cfg", configMap: { name: "cm" } },
      { name: "sec", secret: { secretName: "sec", optional: true } },
      { name: "host", hostPath: { path: "/srv", type: "Directory" } },
      { name: "claim", persistentVolumeClaim: { claimName: "pvc", readOnly: true } },
      { name: "nfs", nfs: { server: "10.0.0.1", path: "/x" } },
      {
        name: "dapi",
        downwardAPI: {
          items: [
            { path: "labels", fieldRef: { fieldPath: "metadata.labels" } },
            { path: "cpu", resourceFieldRef: { containerName: "main", resource: "limits.cpu" } },
          ],
        },
      },
      {
        name: "proj",
        projected: {
          sources: [
            { secret: { name: "s1" } },
            { configMap: { name: "c1", optional: false } },
            { downwardAPI: { items: [{ path: "n", fieldRef: { fieldPath: "metadata.name" } }] } },
            { serviceAccountToken: { path: "token", expirationSeconds: 3600 } },
          ],
        },
      },
      { name: "csi", csi: { driver: "d.example.com", volumeAttributes: { b: "2", a: "1" } } },
      { name: "csi0", csi: { driver: "d2" } },
    ],
  },
});

describe("describePodTemplate", () => {
  it("prints a template as kubectl 1.32 does (output taken from kubectl rollout history --revision)", () => {
    // One difference, on purpose: kubectl prints a projected ConfigMap's optional flag as a pointer address.
    const expected = [
      "Pod Template:",
      "  Labels:\tapp=web",
      "\tpod-template-hash=rich",
      "\ttier=front",
      "  Annotations:\tkubernetes.io/change-cause: kubectl set image deployment/web main=nginx:5",
      "\tlong:",
      "\t  LLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLL...",
      "\tnote:",
      "\t  multi",
      "\t  line",
      "  Service Account:\tbuilder",
      "  Init Containers:",
      "   init:",
      "    Image:\tbusybox",
      "    Port:\t<none>",
      "    Host Port:\t<none>",
      "    Command:",
      "      sh",
      "      -c",
      "      echo a",
      "      echo b",
      "    Environment:\t<none>",
      "    Mounts:\t<none>",
      "  Containers:",
      "   main:",
      "    Image:\tnginx:5",
      "    Ports:\t80/TCP, 53/UDP",
      "    Host Ports:\t0/TCP, 5353/UDP",
      "    SeccompProfile:\tLocalhost",
      "      LocalhostProfile:\tp.json",
      "    Args:",
      "      --x",
      "    Limits:",
      "      cpu:\t1",
      "      memory:\t256Mi",
      "    Requests:",
      "      cpu:\t250m",
      "      memory:\t128Mi",
      "    Liveness:\thttp-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3",
      "    Readiness:\ttcp-socket :http delay=5s timeout=1s period=10s #success=1 #failure=3",
      "    Startup:\texec [cat /ready] delay=0s timeout=1s period=10s #success=1 #failure=3",
      "    Environment Variables from:",
      "      cm\tConfigMap\tOptional: false",
      "      sec\tSecret with prefix 'S_'\tOptional: true",
      "    Environment:",
      "      PLAIN:\tone",
      "      \ttwo",
      "      POD:\t (v1:metadata.name)",
      "      CPU:\t1000 (limits.cpu)",
      "      MEM:\t268435456 (limits.memory)",
      "      EPH:\t0 (limits.ephemeral-storage)",
      "      PW:\t<set to the key 'pw' in secret 'sec'>\tOptional: false",
      "      CFG:\t<set to the key 'k' of config map 'cm'>\tOptional: true",
      "    Mounts:",
      "      /etc/cfg from cfg (ro,path=\"app.conf\")",
      "      /var/data from data (rw)",
      "   side:",
      "    Image:\tbusybox",
      "    Port:\t9000/TCP",
      "    Host Port:\t0/TCP",
      "    Environment:\t<none>",
      "    Mounts:\t<none>",
      "  Volumes:",
      "   data:",
      "    Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)",
      "    Medium:\t",
      "    SizeLimit:\t<unset>",
      "   tmp:",
      "    Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)",
      "    Medium:\tMemory",
      "    SizeLimit:\t64Mi",
      "   cfg:",
      "    Type:\tConfigMap (a volume populated by a ConfigMap)",
      "    Name:\tcm",
      "    Optional:\tfalse",
      "   sec:",
      "    Type:\tSecret (a volume populated by a Secret)",
      "    SecretName:\tsec",
      "    Optional:\ttrue",
      "   host:",
      "    Type:\tHostPath (bare host directory volume)",
      "    Path:\t/srv",
      "    HostPathType:\tDirectory",
      "   claim:",
      "    Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)",
      "    ClaimName:\tpvc",
      "    ReadOnly:\ttrue",
      "   nfs:",
      "    Type:\tNFS (an NFS mount that lasts the lifetime of a pod)",
      "    Server:\t10.0.0.1",
      "    Path:\t/x",
      "    ReadOnly:\tfalse",
      "   dapi:",
      "    Type:\tDownwardAPI (a volume populated by information about the pod)",
      "    Items:",
      "      metadata.labels -> labels",
      "      limits.cpu -> cpu",
      "   proj:",
      "    Type:\tProjected (a volume that contains injected data from multiple sources)",
      "    SecretName:\ts1",
      "    SecretOptionalName:\t<nil>",
      "    ConfigMapName:\tc1",
      "    ConfigMapOptional:\tfalse",
      "    DownwardAPI:\ttrue",
      "    TokenExpirationSeconds:\t3600",
      "   csi:",
      "    Type:\tCSI (a Container Storage Interface (CSI) volume source)",
      "    Driver:\td.example.com",
      "    FSType:\t",
      "    ReadOnly:\tfalse",
      "    VolumeAttributes:\t    a=1",
      "        \t    b=2",
      "   csi0:",
      "    Type:\tCSI (a Container Storage Interface (CSI) volume source)",
      "    Driver:\td2",
      "    FSType:\t",
      "    ReadOnly:\tfalse",
      "    VolumeAttributes:\t<none>",
      "  Topology Spread Constraints:\thost:ScheduleAnyway when max skew 2 is exceeded",
      "  \tzone:DoNotSchedule when max skew 1 is exceeded for selector app=web",
      "  Priority Class Name:\thigh",
      "  Node-Selectors:\tdisk=ssd",
      "\tzone=a",
      "  Tolerations:\top=Exists",
      "\ta=v:NoExecute for 30s",
      "\tb:NoSchedule op=Exists",
    ];
    expect(describePodTemplate(rich).split("\n")).toEqual([...expected, ""]);
  });

  it("says <none> where a minimal template has nothing", () => {
    const bare = podTemplateSpecSchema.parse({ spec: { containers: [{ name: "main", image: "x" }] } });
    expect(describePodTemplate(bare)).toBe(
      [
        "Pod Template:",
        "  Labels:\t<none>",
        "  Containers:",
        "   main:",
        "    Image:\tx",
        "    Port:\t<none>",
        "    Host Port:\t<none>",
        "    Environment:\t<none>",
        "    Mounts:\t<none>",
        "  Volumes:\t<none>",
        "  Node-Selectors:\t<none>",
        "  Tolerations:\t<none>",
        "",
      ].join("\n"),
    );
    expect(describePodTemplate(podTemplateSpecSchema.parse({}))).toContain("  Containers: <none>\n");
  });

  it("keeps terminal escapes out of the output", () => {
    const hostile = podTemplateSpecSchema.parse({ metadata: { labels: { app: "\x1b[2Jx\r" } }, spec: { containers: [] } });
    expect(describePodTemplate(hostile)).toContain("  Labels:\tapp=^[[2Jx\\r\n");
  });
});

describe("describeProbe", () => {
  it("writes each kind of probe on one line", () => {
    expect(describeProbe({ httpGet: { host: "::1", port: "web", path: "/", scheme: "HTTPS" }, initialDelaySeconds: 2, ...probeDefaults })).toBe(
      "http-get https://[::1]:web/ delay=2s timeout=1s period=10s #success=1 #failure=3",
    );
    expect(describeProbe({ grpc: { port: 9090, service: "health" }, ...probeDefaults })).toBe("grpc <pod>:9090 health delay=0s timeout=1s period=10s #success=1 #failure=3");
    expect(describeProbe({})).toBe("unknown delay=0s timeout=0s period=0s #success=0 #failure=0");
  });
});
