import { execFile, spawn } from "node:child_process";
import { mkdir, open, readFile, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const socketDir = "/run/skiff-test";
// dockerd under a name of its own: a broad `pkill dockerd` elsewhere on the machine must not end a test's daemon.
const engineName = "skiff-test-engine";

/**
 * A dockerd of a test's own, in the host's network namespace, so a fault
 * test may stop and restart it: the machine's dockerd is shared by every
 * test running in parallel. No default bridge and no iptables rules of its
 * own (they would fight the main dockerd's); bridge networks it creates
 * still give containers their addresses.
 */
export interface PrivateDockerd {
  /** DOCKER_HOST-style address: `unix:///run/skiff-test/NAME.sock`. */
  host: string;
  /** Runs the docker CLI against this daemon and returns its stdout. */
  docker(args: string[]): Promise<string>;
  /** Stops the daemon (SIGTERM, as systemd does; its containers stop with it) and waits until it is gone. */
  stop(): Promise<void>;
  /** Starts it again on the same data; resolves once it answers. */
  start(): Promise<void>;
  /** Removes its containers and networks, stops it, removes its directories and any bridge it left. */
  destroy(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts a private dockerd named `name` (unique per test file) and loads
 * `images` from the machine's engine into it.
 *
 * @example
 * const dockerd = await startPrivateDockerd(`faults-${process.pid}`, ["skiff-test/busybox:1"]);
 * await dockerd.docker(["ps"]);
 */
let bridgeCount = 0;

export async function startPrivateDockerd(name: string, images: string[]): Promise<PrivateDockerd> {
  const root = join(tmpdir(), `skiff-engine-${name}`);
  const dataRoot = join(root, "data");
  // The exec root holds sockets: its path must stay short.
  const execRoot = join(socketDir, `${name}.exec`);
  const pidFile = join(root, "dockerd.pid");
  const logFile = join(root, "dockerd.log");
  const socket = join(socketDir, `${name}.sock`);
  const host = `unix://${socket}`;
  await mkdir(dataRoot, { recursive: true, mode: 0o700 });
  await mkdir(execRoot, { recursive: true, mode: 0o700 });
  const binary = join(root, engineName);
  await symlink((await run("sh", ["-c", "command -v dockerd"])).stdout.trim(), binary);
  let pid: number | undefined;

  const docker = async (args: string[]): Promise<string> => (await run("docker", ["-H", host, ...args], { maxBuffer: 16 * 1024 * 1024 })).stdout;
  const answers = () => docker(["version", "--format", "{{.Server.Version}}"]).then(() => true, () => false);

  // A default bridge of its own: with `--bridge none` dockerd deletes the machine's docker0, which the shared engine needs.
  const defaultBridge = `spd${process.pid}${(bridgeCount += 1)}`;
  const start = async (): Promise<void> => {
    await run("ip", ["link", "add", defaultBridge, "type", "bridge"]).catch(() => undefined);
    await run("ip", ["link", "set", defaultBridge, "up"]);
    const log = await open(logFile, "a");
    const child = spawn(
      binary,
      [
        "--host", host,
        "--data-root", dataRoot,
        "--exec-root", execRoot,
        "--pidfile", pidFile,
        "--bridge", defaultBridge,
        "--iptables=false",
        "--ip-masq=false",
      ],
      { detached: true, stdio: ["ignore", log.fd, log.fd] },
    );
    child.unref();
    await log.close();
    pid = child.pid;
    for (let i = 0; i < 120; i++) {
      if (await answers()) return;
      if (pid === undefined || !alive(pid)) break;
      await sleep(250);
    }
    const tail = (await readFile(logFile, "utf8").catch(() => "")).split("\n").slice(-15).join("\n");
    throw new Error(`private dockerd ${name} did not start; its log (${logFile}) ends:\n${tail}`);
  };

  const stop = async (): Promise<void> => {
    const target = pid ?? Number((await readFile(pidFile, "utf8").catch(() => "")).trim());
    if (!target || !alive(target)) return;
    process.kill(target, "SIGTERM");
    for (let i = 0; i < 120 && alive(target); i++) await sleep(250);
    if (alive(target)) process.kill(target, "SIGKILL");
    pid = undefined;
  };

  const destroy = async (): Promise<void> => {
    const bridges: string[] = [];
    if (await answers()) {
      const ids = (await docker(["ps", "-aq"])).split("\n").filter((id) => id !== "");
      if (ids.length > 0) await docker(["rm", "-f", ...ids]).catch(() => "");
      const networks = (await docker(["network", "ls", "-q", "--filter", "driver=bridge"])).split("\n").filter((id) => id !== "");
      for (const id of networks) {
        bridges.push(`br-${id.slice(0, 12)}`);
        await docker(["network", "rm", id]).catch(() => "");
      }
    }
    await stop();
    // A network the daemon could not remove leaves its Linux bridge behind.
    for (const bridge of [...bridges, defaultBridge]) await run("ip", ["link", "del", bridge]).catch(() => undefined);
    await rm(socket, { force: true });
    await rm(execRoot, { recursive: true, force: true });
    await rm(root, { recursive: true, force: true });
  };

  try {
    await start();
    if (images.length > 0) {
      // docker save | docker -H ... load, without a shell.
      await new Promise<void>((resolve, reject) => {
        const save = spawn("docker", ["save", ...images], { stdio: ["ignore", "pipe", "inherit"] });
        const load = spawn("docker", ["-H", host, "load", "-q"], { stdio: ["pipe", "ignore", "inherit"] });
        save.stdout.pipe(load.stdin);
        save.on("error", reject);
        load.on("error", reject);
        load.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`docker load into ${name} exited ${code}`))));
      });
    }
  } catch (error) {
    await destroy();
    throw error;
  }
  return { host, docker, stop, start, destroy };
}
