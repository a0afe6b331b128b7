import type { ContainerConfig, PodIdentity } from "../container-runtime.js";

/**
 * How a fake container's process behaves, as a test scripts it. The default
 * (an empty script) runs until it is stopped and exits on SIGTERM.
 */
export interface FakeProcessScript {
  /** The process ends on its own `afterMs` after it starts, with `code` (and an optional termination message). */
  exit?: { code: number; afterMs: number; message?: string };
  /** The kernel kills it for memory `afterMs` after it starts (exit 137, reason OOMKilled). */
  oomAfterMs?: number;
  /** It ignores SIGTERM: only the SIGKILL after the stop timeout ends it. */
  ignoresSigterm?: boolean;
  /** The engine cannot start it (reason ContainerCannotRun, exit 128). */
  cannotRun?: string;
  /** What it writes, in order, as soon as it starts. */
  logs?: Array<{ stream: "stdout" | "stderr"; text: string }>;
}

/** Chooses the script of each container a fake runtime starts. */
export type FakeProcessScripter = (config: ContainerConfig, pod: PodIdentity) => FakeProcessScript;

/** The answer of a scripted `exec`. */
export interface FakeExecResult {
  stdout?: string;
  stderr?: string;
  exitCode: number;
}

export type FakeExecHandler = (containerId: string, command: string[]) => FakeExecResult;
