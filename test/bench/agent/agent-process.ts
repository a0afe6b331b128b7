import { spawn } from "node:child_process";
import { processMemory, type ProcessMemory } from "../apiserver/server-process.js";

/** A `skiff agent` running as a process of its own, as systemd runs it. */
export interface AgentProcess {
  pid: number;
  memory(): Promise<ProcessMemory>;
  output(): string;
  /** SIGTERM, then wait for the exit (SIGKILL after 10 s). */
  stop(): Promise<void>;
}

export interface AgentFlags {
  server: string;
  token: string;
  dataDir: string;
  nodeName: string;
  pauseImage: string;
}

/** Runs `node [nodeFlags] <cli> agent ...` on loopback. */
export function startAgentProcess(cli: string, flags: AgentFlags, nodeFlags: readonly string[] = []): AgentProcess {
  const args = ["agent", "--server", flags.server, "--data-dir", flags.dataDir, "--node-name", flags.nodeName];
  args.push("--node-ip", "127.0.0.1", "--pause-image", flags.pauseImage, "--log-level", "warn");
  const child = spawn(process.execPath, [...nodeFlags, cli, ...args], { env: { ...process.env, SKIFF_TOKEN: flags.token }, stdio: ["ignore", "pipe", "pipe"] });
  let text = "";
  const keep = (chunk: Buffer): void => {
    text = (text + chunk.toString()).slice(-4_000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  if (child.pid === undefined) throw new Error("skiff agent started without a pid");
  const pid = child.pid;
  return {
    pid,
    memory: () => processMemory(pid),
    output: () => text,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const forced = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(forced);
    },
  };
}
