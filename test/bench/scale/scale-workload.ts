import type { ApiObject } from "../../../src/client/rest/rest-client.js";

/** One benchmark run's size: M hollow nodes, N pods. */
export interface Scenario {
  nodes: number;
  pods: number;
}

/** The two sizes, and a small one for development (`--quick`). */
export const fullScenarios: readonly Scenario[] = [
  { nodes: 100, pods: 3_000 },
  { nodes: 1_000, pods: 30_000 },
];
export const quickScenarios: readonly Scenario[] = [{ nodes: 20, pods: 200 }];

/** The targets. */
export const targets = {
  boundPerSecond: 1_000,
  /** All pods Running within this long at the largest size. */
  allRunningMs: 60_000,
  /** Server RSS at the largest size. */
  serverRssMb: 500,
  /** The size the Running and RSS targets are stated for. */
  at: { nodes: 1_000, pods: 30_000 },
};

/** Kubernetes' API call latency SLOs (p99), for comparison. */
export const kubernetesSlo = { getP99Ms: 1_000, namespaceListP99Ms: 5_000 };

export const workload = {
  namespace: "default",
  replicasPerDeployment: 100,
  /** Hollow nodes per node process (each process ~0.4 MB RSS per node). */
  nodesPerProcess: 250,
  /** Deployments created at once. */
  createConcurrency: 16,
  /** The API probe's calls per second (GETs and LISTs alternately). */
  probePerSecond: 10,
  /** Every pod Running within this (plus 10 ms per pod), or the run fails. */
  runLimitBaseMs: 60_000,
  /** The pods' network: a /24 per node, room for 1,024 nodes. */
  clusterCidr: "10.64.0.0/14",
  image: "registry.example/scale/app:1",
};

/** The label each benchmark Deployment's pods carry (`app=<name>`). */
export const deploymentName = (n: number): string => `scale-${n}`;

/**
 * A Deployment of `replicas` small pods: one container with modest
 * requests (the scheduler fits them), no service account token (the
 * benchmark measures placement and the agents, not token signing).
 */
export function deploymentOf(name: string, replicas: number): ApiObject {
  const labels = { app: name };
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, labels },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          automountServiceAccountToken: false,
          terminationGracePeriodSeconds: 1,
          containers: [{ name: "app", image: workload.image, resources: { requests: { cpu: "10m", memory: "16Mi" } } }],
        },
      },
    },
  };
}

/** Deployments totalling `pods` replicas. */
export function deploymentsFor(pods: number): Array<{ name: string; replicas: number }> {
  const per = workload.replicasPerDeployment;
  return Array.from({ length: Math.ceil(pods / per) }, (_, n) => ({ name: deploymentName(n), replicas: Math.min(per, pods - n * per) }));
}
