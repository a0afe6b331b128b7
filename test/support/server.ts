import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger } from "../../src/log.js";
import { RestClient } from "../../src/client/rest/rest-client.js";
import { startServer, type RunningServer, type ServerOptions, type StoreChoice } from "../../server/server.js";

export interface TestServer {
  server: RunningServer;
  dataDir: string;
  /** Where the server listens, its CA and the admin token: what a client or an agent connects with. */
  admin: { server: string; caPem: string; token: string };
  /** A client with the admin credential. */
  client: RestClient;
  /** `releaseLeadership: false` stops it as a crash would, leaving the controller-manager Lease to run out. */
  stop(options?: { releaseLeadership?: boolean }): Promise<void>;
}

export interface TestServerOptions {
  store?: StoreChoice;
  dataDir?: string;
  port?: number;
  /** Static users (a --token-auth-file): each token authenticates as its user. */
  users?: Array<{ token: string; name: string; groups?: string[]; uid?: string }>;
  /** The pods' network that the node IPAM controller splits into /24s (default 10.42.0.0/16). */
  clusterCidr?: string;
  /** The node lifecycle controller's grace period (default 40 s): a short one lets a test see a silent node go Unknown. */
  nodeMonitorGracePeriodMs?: number;
  /**
   * --controllers (default every one but the scheduler, which would bind and
   * write the status of the pods other tests create and compare: ["*"] runs it).
   */
  controllers?: string[];
  leaderElection?: ServerOptions["leaderElection"];
  /** The Job controller's back-off after a failed pod (default 10 s doubling to 6 min). */
  jobPodFailureBackoff?: { initialMs: number; maxMs: number };
}

/** A real skiff server on 127.0.0.1 with a free port, in a fresh data dir (SQLite unless told otherwise). */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), "skiff-server-")));
  let tokenAuthFile: string | undefined;
  if (options.users && options.users.length > 0) {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    tokenAuthFile = join(dataDir, "test-users.csv");
    const lines = options.users.map((u) => `${u.token},${u.name},${u.uid ?? ""},"${(u.groups ?? []).join(",")}"`);
    await writeFile(tokenAuthFile, `${lines.join("\n")}\n`, { mode: 0o600 });
  }
  const server = await startServer({
    ...(tokenAuthFile ? { tokenAuthFile } : {}),
    dataDir,
    store: options.store ?? { engine: "sqlite" },
    bind: "127.0.0.1",
    port: options.port ?? 0,
    tlsSans: [],
    ...(options.clusterCidr ? { clusterCidr: options.clusterCidr } : {}),
    ...(options.nodeMonitorGracePeriodMs !== undefined ? { nodeMonitorGracePeriodMs: options.nodeMonitorGracePeriodMs } : {}),
    controllers: options.controllers ?? ["*", "-scheduler"],
    ...(options.leaderElection ? { leaderElection: options.leaderElection } : {}),
    ...(options.jobPodFailureBackoff ? { jobPodFailureBackoff: options.jobPodFailureBackoff } : {}),
    log: createLogger(process.env.SKIFF_LOG_LEVEL ?? "silent"),
  });
  const admin = { server: server.url, caPem: server.pki.ca.certPem, token: server.pki.adminToken };
  const client = new RestClient(admin, { retry: { attempts: 1 } });
  return {
    server,
    dataDir,
    admin,
    client,
    async stop(stopOptions) {
      client.close();
      await server.close(stopOptions);
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
