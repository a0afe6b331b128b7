import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { pkiPaths } from "../../../server/pki/paths.js";
import type { ClientConfig } from "../../../src/client/rest/client-config.js";

export type StoreFlags = { engine: "sqlite" } | { engine: "etcd"; endpoint: string };

/** A skiff server running as a child process, so its memory and CPU are its own. */
export interface ServerProcess {
  pid: number;
  /** Where to connect and with the admin credential. */
  access: ClientConfig & { caPem: string; token: string };
  /** The process' memory now, from /proc/<pid>/status. */
  memory(): Promise<ProcessMemory>;
  /** SIGTERM, then wait for the exit (SIGKILL after 10 s). */
  stop(): Promise<void>;
}

export interface ProcessMemory {
  /** Resident set size (VmRSS), bytes. */
  rssBytes: number;
  /** Peak resident set size so far (VmHWM), bytes. */
  peakRssBytes: number;
}

const startTimeoutMs = 20_000;
const stopTimeoutMs = 10_000;
const listeningLine = /^skiff server on (https:\/\/\S+);/;

/**
 * Runs `node [nodeFlags] <cli> server` on 127.0.0.1 with port 0 and
 * resolves once it prints the URL it listens on; then reads the CA and
 * admin token from the data dir it wrote them to. `nodeFlags` is for
 * profiling (`--cpu-prof`, which NODE_OPTIONS does not accept);
 * `serverFlags` are more flags of `skiff server`.
 */
export async function startServerProcess(
  cli: string,
  dataDir: string,
  store: StoreFlags,
  nodeFlags: readonly string[] = [],
  serverFlags: readonly string[] = [],
): Promise<ServerProcess> {
  const storeArgs = store.engine === "etcd" ? ["--store", "etcd", "--etcd-endpoints", store.endpoint] : ["--store", "sqlite"];
  const child = spawn(
    process.execPath,
    [...nodeFlags, cli, "server", "--data-dir", dataDir, "--bind", "127.0.0.1", "--port", "0", "--log-level", "warn", ...storeArgs, ...serverFlags],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let output = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output = (output + chunk).slice(-4_000)));

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const forced = setTimeout(() => child.kill("SIGKILL"), stopTimeoutMs);
    await exited;
    clearTimeout(forced);
  };

  let url: string;
  try {
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "skiff server on" line within ${startTimeoutMs} ms`)), startTimeoutMs);
      void exited.then(() => reject(new Error(`exited with ${child.exitCode ?? child.signalCode} during start`)));
      // Warnings go to stdout too (pino); keep reading them so the pipe never fills.
      createInterface({ input: child.stdout }).on("line", (line) => {
        output = (output + line + "\n").slice(-4_000);
        const match = listeningLine.exec(line);
        if (match?.[1] !== undefined) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
  } catch (error) {
    await stop();
    throw new Error(`skiff server (${store.engine}) in ${dataDir}: ${(error as Error).message}\n${output}`);
  }
  if (child.pid === undefined) throw new Error("skiff server started without a pid");
  const pid = child.pid;

  const paths = pkiPaths(dataDir);
  const caPem = await readFile(paths.caCert, "utf8");
  const token = (await readFile(paths.adminToken, "utf8")).trim();
  if (!caPem.startsWith("-----BEGIN CERTIFICATE-----") || token === "") {
    await stop();
    throw new Error(`skiff server in ${dataDir} wrote no usable CA certificate or admin token`);
  }
  return { pid, access: { server: url, caPem, token }, memory: () => processMemory(pid), stop };
}

/** VmRSS and VmHWM of a live process. */
export async function processMemory(pid: number): Promise<ProcessMemory> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return { rssBytes: statusKilobytes(status, "VmRSS") * 1024, peakRssBytes: statusKilobytes(status, "VmHWM") * 1024 };
}

function statusKilobytes(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, "m").exec(status);
  if (match?.[1] === undefined) throw new Error(`no ${field} in /proc status`);
  return Number(match[1]);
}
