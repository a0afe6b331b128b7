import { get } from "node:http";
import { freePort } from "../support/local-port.js";
import { describe, expect, it } from "vitest";
import { DockerRuntime } from "../../agent/runtime/docker/docker-runtime.js";
import { createLogger } from "../../src/log.js";
import { useDockerPods } from "./docker-pods.js";

// What the Docker runtime makes of a SandboxConfig, checked from inside and outside real containers.
const pods = useDockerPods("skiff-test-rtsb");

/** Both streams of a container's log, stdout first. */
async function output(id: string): Promise<string> {
  const { stdout, stderr } = await pods.logs(id);
  return stdout + stderr;
}

function httpStatus(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = get({ host: "127.0.0.1", port, path: "/", timeout: 5_000 }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on("timeout", () => request.destroy(new Error("timed out")));
    request.on("error", reject);
  });
}

describe("sandbox", () => {
  it("is named and labelled as dockershim did, with an IP on the pod network", async () => {
    const box = await pods.sandbox({ podLabels: { app: "rtc", "skiff.dev/managed-by": "someone-else" } });
    const info = await pods.t.docker.getContainer(box.id).inspect();
    const { pod } = box.config;
    expect(info.Name).toBe(`/k8s_POD_${pod.name}_${pods.t.namespace}_${pod.uid}_0`);
    expect(info.Config.Labels).toMatchObject({
      app: "rtc",
      "io.kubernetes.pod.uid": pod.uid,
      "io.kubernetes.pod.namespace": pods.t.namespace,
      "io.kubernetes.pod.name": pod.name,
      "io.kubernetes.container.name": "POD",
      "io.kubernetes.docker.type": "podsandbox",
      "skiff.dev/managed-by": "skiff-agent",
    });
    const [status] = await pods.t.runtime.listPodSandboxes({ podUid: pod.uid });
    expect(status?.ip?.startsWith(pods.t.bridge.cidr.split(".").slice(0, 3).join("."))).toBe(true);
  });

  it("belongs to its runtime's node: a runtime of another node on the same engine neither lists nor reports it", async () => {
    const box = await pods.sandbox();
    const { pod } = box.config;
    expect((await pods.t.runtime.listPodSandboxes({ podUid: pod.uid })).map((s) => s.id)).toEqual([box.id]);
    const info = await pods.t.docker.getContainer(box.id).inspect();
    expect(info.Config.Labels["skiff.dev/node"]).toBe(pods.t.namespace);
    const otherNode = new DockerRuntime({ docker: pods.t.docker, node: "another-node", terminationMessageDir: pods.t.terminationDir, log: createLogger("silent") });
    expect(await otherNode.listPodSandboxes({ podUid: pod.uid })).toEqual([]);
    expect(await otherNode.listContainers({ podUid: pod.uid })).toEqual([]);
  });

  it("gives its containers its hostname, DNS, extra hosts and network", async () => {
    const box = await pods.sandbox({
      hostname: "web-0",
      dns: { servers: ["10.43.0.10"], searches: ["ns.svc.cluster.local", "svc.cluster.local"], options: ["ndots:5"] },
      hosts: [{ ip: "10.1.2.3", hostnames: ["alias-one", "alias-two"] }],
    });
    const [status] = await pods.t.runtime.listPodSandboxes({ podUid: box.config.pod.uid });
    const id = await pods.start({ command: ["sh", "-c", "hostname; cat /etc/resolv.conf /etc/hosts; ip -4 addr"] }, { sandbox: box });
    await pods.exited(id);
    const text = await output(id);
    expect(text.split("\n")[0]).toBe("web-0");
    // The servers themselves, as in Kubernetes, not Docker's embedded DNS of user-defined networks.
    expect(text).toContain("nameserver 10.43.0.10");
    expect(text).not.toContain("127.0.0.11");
    expect(text).toMatch(/search ns\.svc\.cluster\.local svc\.cluster\.local/);
    expect(text).toContain("options ndots:5");
    expect(text).toMatch(/10\.1\.2\.3\s+alias-one/);
    expect(text).toContain(`inet ${status?.ip}/24`);
  });

  it("publishes hostPorts on the node", async () => {
    const hostPort = await freePort();
    const box = await pods.sandbox({ portMappings: [{ protocol: "TCP", containerPort: 8080, hostPort, hostIP: "127.0.0.1" }] });
    await pods.start({ command: ["httpd", "-f", "-p", "8080", "-h", "/tmp"] }, { sandbox: box });
    const deadline = Date.now() + 10_000;
    let status = 0;
    while (status === 0 && Date.now() < deadline) {
      status = await httpStatus(hostPort).catch(() => 0);
      if (status === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status).toBe(404); // busybox httpd answers: the port reached the pod
  });

  it("shares its PID namespace only when asked", async () => {
    const pidOne = async (shareProcessNamespace: boolean): Promise<string> => {
      const box = await pods.sandbox({ shareProcessNamespace });
      const id = await pods.start({ command: ["sh", "-c", "tr '\\0' ' ' < /proc/1/cmdline"] }, { sandbox: box });
      await pods.exited(id);
      return output(id);
    };
    expect(await pidOne(true)).toContain("trap");
    // Its own namespace: PID 1 is the container's own process (sh has exec'd tr by then).
    expect(await pidOne(false)).not.toContain("trap");
  });

  it("with the host's network has no pod IP", async () => {
    const box = await pods.sandbox({ hostNetwork: true });
    const [status] = await pods.t.runtime.listPodSandboxes({ podUid: box.config.pod.uid });
    expect(status).toMatchObject({ state: "ready", hostNetwork: true, ip: undefined });
    const info = await pods.t.docker.getContainer(box.id).inspect();
    expect(info.HostConfig.NetworkMode).toBe("host");
    // Not on the test bridge: remove it here, teardown only sweeps the bridge.
    await pods.t.runtime.stopPodSandbox(box.id);
    await pods.t.runtime.removePodSandbox(box.id);
  });
});
