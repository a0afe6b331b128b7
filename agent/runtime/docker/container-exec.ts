import type { Duplex } from "node:stream";
import { setTimeout as delay } from "node:timers/promises";
import type Docker from "dockerode";
import { RuntimeError, type AttachOptions, type ExecOptions, type ExecSession } from "../container-runtime.js";
import { dockerCall } from "./docker-errors.js";
import { CONTAINER_TYPE, type Owner } from "./docker-labels.js";
import { hijackedSession } from "./exec-session.js";
import { inspectOwned } from "./owned-containers.js";

/** Docker records an exec's exit a moment after its output ends: how long to look for it. */
const EXIT_CODE_WAIT_MS = 5_000;
const EXIT_CODE_POLL_MS = 20;

async function execExitCode(exec: Docker.Exec, operation: string): Promise<number> {
  const deadline = Date.now() + EXIT_CODE_WAIT_MS;
  for (;;) {
    const info = await dockerCall(operation, () => exec.inspect());
    if (!info.Running && info.ExitCode !== null) return info.ExitCode;
    if (Date.now() > deadline) throw new RuntimeError(operation, "the process still runs after its output ended");
    await delay(EXIT_CODE_POLL_MS);
  }
}

/** Runs a command in a running container, its streams hijacked from the engine. */
export async function execInContainer(docker: Docker, owner: Owner, containerId: string, options: ExecOptions): Promise<ExecSession> {
  const operation = `exec in container ${containerId}`;
  const info = await inspectOwned(docker, owner, containerId, CONTAINER_TYPE, operation);
  const exec = await dockerCall(operation, () =>
    docker.getContainer(info.Id).exec({
      Cmd: options.command,
      AttachStdin: options.stdin,
      AttachStdout: options.stdout,
      AttachStderr: options.stderr,
      Tty: options.tty,
    }),
  );
  const socket = (await dockerCall(operation, () =>
    exec.start({ hijack: true, stdin: options.stdin, Tty: options.tty }),
  )) as Duplex;
  return hijackedSession({
    socket,
    ...options,
    resize: (width, height) => dockerCall(`resize exec in ${containerId}`, () => exec.resize({ w: width, h: height })),
    exitCode: () => execExitCode(exec, operation),
  });
}

/** Attaches to the container's own process; its exit code comes from the container's end. */
export async function attachToContainer(
  docker: Docker,
  owner: Owner,
  containerId: string,
  options: AttachOptions,
): Promise<ExecSession> {
  const operation = `attach to container ${containerId}`;
  const info = await inspectOwned(docker, owner, containerId, CONTAINER_TYPE, operation);
  const container = docker.getContainer(info.Id);
  const socket = (await dockerCall(operation, () =>
    container.attach({
      stream: true,
      hijack: true,
      stdin: options.stdin,
      stdout: options.stdout,
      stderr: options.stderr,
    }),
  )) as Duplex;
  return hijackedSession({
    socket,
    ...options,
    // The container's own TTY decides whether its output is framed, not what the caller asked.
    tty: info.Config.Tty,
    resize: (width, height) => dockerCall(`resize container ${containerId}`, () => container.resize({ w: width, h: height })),
    exitCode: async () => {
      const result = (await dockerCall(operation, () => container.wait())) as { StatusCode: number };
      return result.StatusCode;
    },
  });
}
