/**
 * A real etcd for tests and benchmarks: Debian's /usr/bin/etcd on 127.0.0.1,
 * on free ports, in a temporary data dir, started and stopped by the caller.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, localGet } from "./local-port.js";

const etcdBinary = "/usr/bin/etcd";
const startTimeoutMs = 20_000;
const stopTimeoutMs = 10_000;
/** How much of etcd's log to keep for error messages. */
const logTailBytes = 4_000;

export interface EtcdProcess {
  /** Client URL, e.g. `http://127.0.0.1:41234`. */
  endpoint: string;
  dataDir: string;
  clientPort: number;
  /** SIGTERM, then wait for exit. */
  stop(): Promise<void>;
  /** SIGKILL, then wait for exit. */
  kill(): Promise<void>;
}

export interface StartEtcdOptions {
  /**
   * Reuse this data dir (e.g. to restart etcd on the data of a stopped one).
   * A data dir passed in is the caller's to remove; one made here is removed
   * when the process is stopped or killed.
   */
  dataDir?: string;
  /** Listen for clients on this port (e.g. the port of a stopped etcd). */
  clientPort?: number;
}

const running = new Set<ChildProcess>();
// A test runner that dies mid-run must not leave etcd processes behind.
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/** Starts etcd and resolves once it answers /health. */
export async function startEtcd(options: StartEtcdOptions = {}): Promise<EtcdProcess> {
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), "skiff-etcd-")));
  const clientPort = options.clientPort ?? (await freePort());
  const peerPort = await freePort();
  const endpoint = `http://127.0.0.1:${clientPort}`;
  const peerUrl = `http://127.0.0.1:${peerPort}`;

  const child = spawn(
    etcdBinary,
    [
      "--name", "skiff-test",
      "--data-dir", dataDir,
      "--listen-client-urls", endpoint,
      "--advertise-client-urls", endpoint,
      "--listen-peer-urls", peerUrl,
      "--initial-advertise-peer-urls", peerUrl,
      "--initial-cluster", `skiff-test=${peerUrl}`,
      // A single member elects itself after one election timeout; keep it short.
      "--heartbeat-interval", "10",
      "--election-timeout", "100",
    ],
    { stdio: ["ignore", "ignore", "pipe"], env: etcdEnvironment() },
  );
  running.add(child);
  let logTail = "";
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    logTail = (logTail + chunk).slice(-logTailBytes);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  void exited.then(() => running.delete(child));

  const removeOwnDataDir = async (): Promise<void> => {
    if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
  };
  const terminate = async (signal: NodeJS.Signals): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
      const forced = setTimeout(() => child.kill("SIGKILL"), stopTimeoutMs);
      await exited;
      clearTimeout(forced);
    }
    await removeOwnDataDir();
  };

  try {
    await waitUntilHealthy(clientPort, exited, () => logTail);
  } catch (error) {
    await terminate("SIGKILL");
    throw error;
  }
  return {
    endpoint,
    dataDir,
    clientPort,
    stop: () => terminate("SIGTERM"),
    kill: () => terminate("SIGKILL"),
  };
}

/** etcd 3.4 refuses to start on architectures it calls unsupported (arm64, arm) unless told. */
function etcdEnvironment(): NodeJS.ProcessEnv {
  const goArch: Partial<Record<string, string>> = { arm64: "arm64", arm: "arm", ppc64: "ppc64le", s390x: "s390x" };
  const arch = goArch[process.arch];
  return arch === undefined ? process.env : { ...process.env, ETCD_UNSUPPORTED_ARCH: arch };
}

async function waitUntilHealthy(port: number, exited: Promise<void>, logTail: () => string): Promise<void> {
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline) {
    if (hasExited) throw new Error(`etcd exited during start on port ${port}:\n${logTail()}`);
    if (await isHealthy(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`etcd on port ${port} not healthy after ${startTimeoutMs} ms:\n${logTail()}`);
}

async function isHealthy(port: number): Promise<boolean> {
  const answer = await localGet(port, "/health");
  return answer?.status === 200 && answer.body.includes('"health":"true"');
}
