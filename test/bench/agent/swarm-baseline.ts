import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { startupOf, type Startup } from "./startup.js";

const run = promisify(execFile);
const pollMs = 50;
const limitMs = 120_000;

/**
 * Docker Swarm on the same engine: `docker service create --replicas N`,
 * each task timed from the command's start to the first poll that sees it
 * Running. The engine joins a one-node swarm on loopback for the run and
 * leaves it after (with the bridge Swarm made), unless it was in a swarm
 * already, in which case nothing is measured.
 */
export async function swarmStartup(image: string, command: readonly string[], counts: readonly number[]): Promise<Startup[] | string> {
  const { stdout: state } = await run("docker", ["info", "--format", "{{.Swarm.LocalNodeState}}"]);
  if (state.trim() !== "inactive") return `the engine is already in a swarm (${state.trim()}); not touched`;
  await run("docker", ["swarm", "init", "--advertise-addr", "127.0.0.1", "--listen-addr", "127.0.0.1:2377"]);
  try {
    const figures: Startup[] = [];
    for (const count of counts) figures.push(await serviceStartup(image, command, count));
    return figures;
  } finally {
    await run("docker", ["swarm", "leave", "--force"]);
    await run("docker", ["network", "rm", "docker_gwbridge"]).catch(() => undefined);
  }
}

async function serviceStartup(image: string, command: readonly string[], count: number): Promise<Startup> {
  const name = `skiff-bench-${count}-${process.pid}`;
  const start = performance.now();
  await run("docker", ["service", "create", "-d", "--no-resolve-image", "--replicas", String(count), "--name", name, image, ...command]);
  const runningAt = new Map<string, number>();
  try {
    while (runningAt.size < count) {
      if (performance.now() - start > limitMs) throw new Error(`swarm service ${name}: ${runningAt.size} of ${count} tasks running after ${limitMs} ms`);
      const { stdout } = await run("docker", ["service", "ps", name, "--filter", "desired-state=running", "--format", "{{.ID}} {{.CurrentState}}"]);
      const now = performance.now() - start;
      for (const line of stdout.split("\n")) {
        const [id, state] = line.split(" ");
        if (id !== undefined && state === "Running" && !runningAt.has(id)) runningAt.set(id, now);
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  } finally {
    await run("docker", ["service", "rm", name]);
  }
  return startupOf([...runningAt.values()]);
}
