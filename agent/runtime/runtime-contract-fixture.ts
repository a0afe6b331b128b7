import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import type { ContainerConfig, ContainerRuntime, PodIdentity, SandboxConfig } from "./container-runtime.js";

/** What a runtime under test brings to the contract suite. */
export interface RuntimeFixture {
  runtime: ContainerRuntime;
  /** An image present in the runtime, which `commands` run in. */
  image: string;
  /** The sandbox image. */
  pauseImage: string;
  /** The pod network sandboxes join (undefined: the runtime's default). */
  network?: string;
  /** Commands the fixture's image understands. */
  commands: {
    /** Runs until stopped, and ends at once on SIGTERM. */
    runForever: string[];
    /** Writes `stdout` and `stderr` as given (no newline added), then exits with `exitCode`. */
    printAndExit(output: { stdout: string; stderr: string; exitCode: number }): string[];
  };
  /**
   * Makes a container the runtime did not create (no skiff labels), to check
   * it is never listed or touched. Without it those tests are skipped.
   */
  foreignContainer?(): Promise<{ id: string; stillRunning(): Promise<boolean> }>;
  /** Undoes what the setup made (not what the tests made: the suite removes that). */
  teardown(): Promise<void>;
}

const WAIT_MS = 15_000;

/** Polls `probe` until it returns something other than undefined. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function readAll(stream: Readable | undefined): Promise<string> {
  if (!stream) return "";
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

/** A fresh pod identity for the contract's namespace. */
export function newPod(): PodIdentity {
  return { uid: randomUUID(), namespace: "contract", name: `pod-${randomUUID().slice(0, 8)}` };
}

export function sandboxConfig(fixture: RuntimeFixture, pod: PodIdentity, attempt = 0): SandboxConfig {
  return {
    pod,
    attempt,
    image: fixture.pauseImage,
    hostname: pod.name,
    hostNetwork: false,
    network: fixture.network,
    portMappings: [],
    podLabels: { app: "contract" },
  };
}

export function containerConfig(fixture: RuntimeFixture, name: string, command: string[], attempt = 0): ContainerConfig {
  return {
    name,
    attempt,
    specHash: `hash-${name}`,
    image: fixture.image,
    command,
    env: [],
    mounts: [],
    tmpfs: [],
    tty: false,
    stdin: false,
    stdinOnce: false,
    resources: {},
    security: {
      privileged: false,
      readOnlyRootFilesystem: false,
      capabilitiesAdd: [],
      capabilitiesDrop: [],
      noNewPrivileges: false,
    },
  };
}
