import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/cli/flags.js";
import { runServer } from "../../src/cli/commands/server.js";
import { useTempDir } from "../support/temp-dir.js";

const dir = useTempDir("skiff-server-flags-");

describe("skiff server --controllers", () => {
  const run = (...flags: string[]): Promise<number> =>
    runServer(["--data-dir", join(dir(), "data"), "--bind", "127.0.0.1", "--port", "0", "--log-level", "silent", ...flags]);

  it("refuses a name no controller has, naming the known ones, before the server serves anything", async () => {
    const refused = run("--controllers", "*,-endpointslice,-jobz");
    await expect(refused).rejects.toBeInstanceOf(UsageError);
    await expect(refused).rejects.toThrow(/^--controllers: unknown controller "jobz" \(known: .*endpoints, endpointslice.*\)$/);
  });

  it("refuses entries that are not a name, * or -name", async () => {
    await expect(run("--controllers", "*,Bad_Name")).rejects.toThrow(/--controllers: .*entries are '\*', a controller's name or -name/);
    await expect(run("--leader-elect", "maybe")).rejects.toBeInstanceOf(UsageError);
  });
});
