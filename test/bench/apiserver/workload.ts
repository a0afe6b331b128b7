/** What the apiserver benchmark does, and the figures it compares with. */
export const workload = {
  /** Concurrent clients of the closed-loop runs and of the fills, each on its own keep-alive connection. */
  clients: 16,
  /** Seconds each of create, update and get runs per engine. */
  crudSeconds: 5,
  /** Mutating calls per second offered in the open-loop run, and for how long. */
  offeredRate: 500,
  offeredSeconds: 10,
  storedPods: 10_000,
  watchers: 1_000,
  watchedWrites: 100,
  /** Idle time before each memory reading, so the reading is not of a burst in progress. */
  settleMs: 2_000,
};

/** The targets. */
export const targets = {
  offeredP99Ms: 25,
  fanoutP99Ms: 50,
  rssWithPodsMb: 150,
};

/** Reference points from outside, not measured by this benchmark. */
export const references = {
  /** Kubernetes' API call latency SLO for mutating calls (p99 over 5 minutes, per resource and verb). */
  kubernetesMutatingP99Ms: 1_000,
  /** Its SLO for reads of a single object. */
  kubernetesGetP99Ms: 1_000,
  /** The k3s server's resident memory with SQLite (kine), as the issue gives it. */
  k3sRssMb: 1_600,
};
