import { describe, expect, it } from "vitest";
import type { Pod } from "../../src/api/core/v1/pod.js";
import { defaultMemoryRequest, podInfoOf, termMatches } from "./pod-info.js";
import { podObject } from "./testing/objects.js";

const withContainers = (spec: Partial<Pod["spec"]>): Pod => ({ ...podObject("p"), spec: { containers: [], ...spec } });
const container = (name: string, cpu: string, memory: string, restartPolicy?: string) => ({
  name,
  resources: { requests: { cpu, memory } },
  ...(restartPolicy ? { restartPolicy } : {}),
});

describe("podInfoOf", () => {
  it("sums the containers' requests: cpu in millicores, memory in bytes", () => {
    const info = podInfoOf(withContainers({ containers: [container("a", "250m", "64Mi"), container("b", "1", "1Gi")] }));
    expect(info.requests.milliCpu).toBe(1250);
    expect(info.requests.memory).toBe(64 * 2 ** 20 + 2 ** 30);
  });

  it("takes the largest init container when it is more than the containers, as Kubernetes does", () => {
    const info = podInfoOf(withContainers({ initContainers: [container("init", "2", "10Mi")], containers: [container("a", "500m", "100Mi")] }));
    expect(info.requests.milliCpu).toBe(2000);
    expect(info.requests.memory).toBe(100 * 2 ** 20);
  });

  it("adds sidecars (restartPolicy Always) to the containers and to every init step after them, plus overhead", () => {
    const info = podInfoOf(
      withContainers({
        initContainers: [container("sidecar", "100m", "10Mi", "Always"), container("init", "1", "10Mi")],
        containers: [container("a", "200m", "20Mi")],
        overhead: { cpu: "50m" },
      }),
    );
    // max(200m + 100m sidecar, 1 + 100m sidecar during init) + 50m overhead.
    expect(info.requests.milliCpu).toBe(1150);
    expect(info.requests.memory).toBe(30 * 2 ** 20);
  });

  it("scores a container without requests as 100m and 200Mi, but requests nothing for it", () => {
    const info = podInfoOf(podObject("p"));
    expect(info.requests).toMatchObject({ milliCpu: 0, memory: 0 });
    expect(info.nonZeroRequests).toEqual({ milliCpu: 100, memory: defaultMemoryRequest });
  });

  it("collects host ports (0.0.0.0 and TCP by default), the controller owner, and extended resources", () => {
    const pod = podObject("p", { owner: "rs-1" });
    pod.spec.containers[0]!.ports = [{ containerPort: 80, hostPort: 8080 }, { containerPort: 53, hostPort: 53, protocol: "UDP", hostIP: "10.0.0.1" }, { containerPort: 9000 }];
    pod.spec.containers[0]!.resources = { requests: { "example.com/gpu": "2" } };
    const info = podInfoOf(pod);
    expect(info.hostPorts).toEqual([
      { ip: "0.0.0.0", protocol: "TCP", port: 8080 },
      { ip: "10.0.0.1", protocol: "UDP", port: 53 },
    ]);
    expect(info.ownerUid).toBe("uid-rs-1");
    expect(info.requests.scalar.get("example.com/gpu")).toBe(2);
  });

  it("matches affinity terms in the pod's own namespace unless namespaces or a namespaceSelector say otherwise", () => {
    const term = (extra: object) =>
      podInfoOf(
        podObject("p", {
          namespace: "a",
          spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: "db" } }, topologyKey: "zone", ...extra }] } } },
        }),
      ).requiredAffinity[0]!;
    const db = (namespace: string) => podInfoOf(podObject("db", { namespace, labels: { app: "db" } }));
    const labels = (namespace: string) => ({ a: { team: "x" }, b: { team: "y" } })[namespace];
    expect(termMatches(term({}), db("a"), labels)).toBe(true);
    expect(termMatches(term({}), db("b"), labels)).toBe(false);
    expect(termMatches(term({ namespaces: ["b"] }), db("b"), labels)).toBe(true);
    expect(termMatches(term({ namespaceSelector: {} }), db("b"), labels)).toBe(true);
    expect(termMatches(term({ namespaceSelector: { matchLabels: { team: "y" } } }), db("b"), labels)).toBe(true);
    expect(termMatches(term({ namespaceSelector: { matchLabels: { team: "y" } } }), db("a"), labels)).toBe(false);
  });
});
