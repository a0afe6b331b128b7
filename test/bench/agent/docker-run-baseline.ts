import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { startupOf, type Startup } from "./startup.js";

const run = promisify(execFile);

/**
 * The baseline: `docker run -d` of `count` containers at once, the way a
 * user would, each timed from the common start to its `docker run -d`
 * returning (it returns once the container started). The containers carry
 * `label` and are removed afterwards.
 */
export async function dockerRunStartup(image: string, command: readonly string[], count: number, label: string): Promise<Startup> {
  const start = performance.now();
  const times = await Promise.all(
    Array.from({ length: count }, async () => {
      await run("docker", ["run", "-d", "--label", label, image, ...command]);
      return performance.now() - start;
    }),
  );
  await removeLabelled(label);
  return startupOf(times);
}

/** Removes every container carrying `label` (key=value), running or not. */
export async function removeLabelled(label: string): Promise<void> {
  const { stdout } = await run("docker", ["ps", "-aq", "--filter", `label=${label}`]);
  const ids = stdout.split("\n").filter((id) => id !== "");
  if (ids.length > 0) await run("docker", ["rm", "-f", ...ids]);
}
