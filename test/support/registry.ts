/**
 * A real image registry for tests: Debian's docker-registry (distribution
 * 2.x) on 127.0.0.1 and a free port, with htpasswd (bcrypt) auth and its
 * storage in a temporary dir. Docker treats 127.0.0.0/8 registries as
 * insecure by default, so plain HTTP works. `docker login` and `docker push`
 * run with a DOCKER_CONFIG of their own: the user's config is untouched.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { freePort, localGet } from "./local-port.js";

const run = promisify(execFile);
const registryBinary = "/usr/bin/docker-registry";
const startTimeoutMs = 20_000;
const logTailBytes = 4_000;

export interface TestRegistry {
  /** `127.0.0.1:PORT`: the registry part of image names, and the dockerconfigjson key. */
  host: string;
  username: string;
  password: string;
  /**
   * Tags a local image as `host/repository:tag` and pushes it; returns the
   * pushed reference. The local tag is removed again (the image stays), so a
   * pull of the reference goes to the registry.
   */
  push(localImage: string, repository: string): Promise<string>;
  /** Stops the registry and removes its storage and the Docker config. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/** The registry answers /v2/ (401 without credentials: auth is on). */
async function answers(port: number): Promise<boolean> {
  const answer = await localGet(port, "/v2/");
  return answer?.status === 401 || answer?.status === 200;
}

/** Starts a registry with one user (random password) and resolves once it answers. */
export async function startRegistry(): Promise<TestRegistry> {
  const dir = await mkdtemp(join(tmpdir(), "skiff-registry-"));
  const dockerConfig = join(dir, "docker-config");
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const username = "skiff";
  const password = randomUUID();
  const { stdout: htpasswd } = await run("htpasswd", ["-Bbn", username, password]);
  await writeFile(join(dir, "htpasswd"), htpasswd);
  await writeFile(
    join(dir, "config.yml"),
    [
      "version: 0.1",
      "log: { level: error }",
      `storage: { filesystem: { rootdirectory: ${JSON.stringify(join(dir, "data"))} }, delete: { enabled: true } }`,
      `http: { addr: ${JSON.stringify(host)} }`,
      `auth: { htpasswd: { realm: skiff-test, path: ${JSON.stringify(join(dir, "htpasswd"))} } }`,
      "",
    ].join("\n"),
  );

  const child = spawn(registryBinary, ["serve", join(dir, "config.yml")], { stdio: ["ignore", "ignore", "pipe"] });
  running.add(child);
  let logTail = "";
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (logTail = (logTail + chunk).slice(-logTailBytes)));
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  void exit.then(() => {
    exited = true;
    running.delete(child);
  });

  const stop = async (): Promise<void> => {
    if (!exited) {
      child.kill("SIGTERM");
      const forced = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exit;
      clearTimeout(forced);
    }
    await rm(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + startTimeoutMs;
  while (!(await answers(port))) {
    if (exited || Date.now() > deadline) {
      await stop();
      throw new Error(`docker-registry did not start on ${host}:\n${logTail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  const docker = (args: string[], input?: string): Promise<void> =>
    new Promise((resolve, reject) => {
      const process = execFile("docker", ["--config", dockerConfig, ...args], (error, _stdout, stderr) =>
        error ? reject(new Error(`docker ${args[0]} failed: ${stderr}`)) : resolve(),
      );
      if (input !== undefined) process.stdin?.end(input);
    });
  try {
    await docker(["login", "--username", username, "--password-stdin", host], password);
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    host,
    username,
    password,
    async push(localImage, repository) {
      const reference = `${host}/${repository}`;
      await docker(["tag", localImage, reference]);
      try {
        await docker(["push", reference]);
      } finally {
        await docker(["rmi", reference]);
      }
      return reference;
    },
    stop,
  };
}
