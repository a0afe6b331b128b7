/**
 * One agent on real Docker behind a real server, for the end-to-end tests of
 * PodSpec features: each test file gets its own cluster CIDR, pod network and
 * node name (files run in parallel on the shared engine), creates its pods
 * through the API and reads what kubectl, the API and Docker show. Every
 * container of every pod the file made is removed after it, and its network.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect } from "vitest";
import type { Event } from "../../src/api/core/v1/event.js";
import type { Pod } from "../../src/api/core/v1/pod.js";
import type { ResourceRef } from "../../src/client/rest/paths.js";
import type { ApiObject } from "../../src/client/rest/rest-client.js";
import { createJoinToken } from "../join/join-support.js";
import { eventually } from "../store/helpers/eventually.js";
import { useKubectlServer, type KubectlServerHandle } from "../support/server-hooks.js";
import { useTempDir } from "../support/temp-dir.js";
import { startTestAgent, type TestAgent } from "../support/test-agent.js";

export const run = promisify(execFile);
export const podsRef: ResourceRef = { group: "", version: "v1", resource: "pods", namespaced: true };
export const configMapsRef: ResourceRef = { group: "", version: "v1", resource: "configmaps", namespaced: true };
export const secretsRef: ResourceRef = { group: "", version: "v1", resource: "secrets", namespaced: true };
const eventsRef: ResourceRef = { group: "", version: "v1", resource: "events", namespaced: true };

export const busybox = "skiff-test/busybox:1";

export interface PodsE2E extends KubectlServerHandle {
  nodeName: string;
  /** Creates a pod bound to this file's node (spec.nodeName set here) and remembers its uid for the cleanup. */
  createPod(name: string, spec: Record<string, unknown>, metadata?: Record<string, unknown>): Promise<Pod>;
  createObject(ref: ResourceRef, object: Record<string, unknown>): Promise<void>;
  pod(name: string): Promise<Pod>;
  /** Waits until `check` passes on the pod as the API shows it; returns that pod. */
  waitPod(name: string, check: (pod: Pod) => void, timeoutMs?: number): Promise<Pod>;
  /** The Events of a pod, oldest first. */
  events(name: string): Promise<Event[]>;
  /** `docker inspect` of one container, parsed. */
  inspect(containerId: string): Promise<DockerInspect>;
}

/** The parts of `docker inspect` the tests read. */
export interface DockerInspect {
  Id: string;
  State: { Status: string; ExitCode: number; OOMKilled: boolean };
  Config: { User: string; Env: string[]; Labels: Record<string, string> };
  HostConfig: {
    Memory: number;
    NanoCpus: number;
    CpuQuota: number;
    CpuPeriod: number;
    CpuShares: number;
    ReadonlyRootfs: boolean;
    NetworkMode: string;
    CapAdd: string[] | null;
    CapDrop: string[] | null;
    SecurityOpt: string[] | null;
    PortBindings: Record<string, { HostIp: string; HostPort: string }[]> | null;
  };
}

/** The container id behind a status's `docker://ID`. */
export const dockerId = (containerID: string | undefined): string => (containerID ?? "").replace(/^docker:\/\//, "");

export function usePodsE2E(options: { clusterCidr: string; tag: string }): PodsE2E {
  const handle = useKubectlServer({ clusterCidr: options.clusterCidr });
  const dir = useTempDir(`skiff-${options.tag}-`);
  const nodeName = `${options.tag}-${process.pid}`;
  const podNetwork = `skiff-${options.tag}-${process.pid}`;
  const uids: string[] = [];
  let agent: TestAgent | undefined;

  beforeAll(async () => {
    const token = await createJoinToken(handle.server(), { description: options.tag });
    agent = await startTestAgent({ server: handle.server(), token: token.token, dataDir: join(dir(), "agent"), nodeName, podNetwork });
  });

  afterAll(async () => {
    await agent?.stop();
    for (const uid of uids) {
      const { stdout } = await run("docker", ["ps", "-aq", "--filter", `label=io.kubernetes.pod.uid=${uid}`]);
      const ids = stdout.split("\n").filter((id) => id !== "");
      if (ids.length > 0) await run("docker", ["rm", "-f", "-v", ...ids]);
    }
    await run("docker", ["network", "rm", podNetwork]).catch(() => undefined);
  });

  const client = () => handle.server().client;
  const pod = (name: string) => client().get<Pod>(podsRef, "default", name);
  return {
    ...handle,
    nodeName,
    async createPod(name, spec, metadata = {}) {
      const created = await client().create<Pod>(podsRef, "default", {
        apiVersion: "v1",
        kind: "Pod",
        metadata: { ...metadata, name },
        spec: { nodeName, terminationGracePeriodSeconds: 1, ...spec },
      } as unknown as ApiObject);
      uids.push(created.metadata.uid ?? "");
      return created;
    },
    async createObject(ref, object) {
      await client().create(ref, "default", object as unknown as ApiObject);
    },
    pod,
    waitPod: (name, check, timeoutMs = 20_000) =>
      eventually(async () => {
        const current = await pod(name);
        check(current);
        return current;
      }, { timeoutMs, intervalMs: 250 }),
    async events(name) {
      const list = await client().list<Event>(eventsRef, "default", { fieldSelector: `involvedObject.name=${name}` });
      return [...list.items].sort((a, b) => String(a.lastTimestamp ?? a.eventTime ?? "").localeCompare(String(b.lastTimestamp ?? b.eventTime ?? "")));
    },
    async inspect(containerId) {
      const { stdout } = await run("docker", ["inspect", containerId]);
      const [parsed] = JSON.parse(stdout) as DockerInspect[];
      expect(parsed).toBeDefined();
      return parsed as DockerInspect;
    },
  };
}

/** The status of one container (init or not) of a pod. */
export function containerStatus(pod: Pod, name: string) {
  const all = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  const found = all.find((s) => s.name === name);
  if (!found) throw new Error(`no status for container ${name} yet`);
  return found;
}

/** The status of one condition type of a pod. */
export const condition = (pod: Pod, type: string): string | undefined => pod.status?.conditions?.find((c) => c.type === type)?.status;
