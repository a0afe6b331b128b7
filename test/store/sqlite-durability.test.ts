import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { openSqliteStore } from "../../server/store/sqlite/sqlite-store.js";
import { integrityCheck } from "./helpers/sqlite-integrity.js";
import { makeTempDir } from "./helpers/temp-dir.js";

// vite-node (vitest's own runner) lets the child run the engine's TypeScript
// as it is, so the child exercises exactly the code under test.
const viteNode = fileURLToPath(new URL("../../node_modules/vite-node/vite-node.mjs", import.meta.url));
const writer = fileURLToPath(new URL("./helpers/durability-writer.ts", import.meta.url));

/** Lines the child printed, and a promise for when at least `count` acknowledgements arrived. */
function acknowledgements(child: ChildProcess, count: number): { acked: Map<string, number>; enough: Promise<void> } {
  const acked = new Map<string, number>();
  let partial = "";
  const enough = new Promise<void>((resolve, reject) => {
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout?.on("data", (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split("\n");
      partial = lines.pop() ?? "";
      for (const line of lines) {
        const [key, revision] = line.split(" ");
        if (key !== undefined && revision !== undefined) acked.set(key, Number(revision));
      }
      if (acked.size >= count) resolve();
    });
    child.on("exit", (code, signal) => reject(new Error(`writer exited early (${code ?? signal}): ${stderr}`)));
  });
  return { acked, enough };
}

describe("sqlite store durability", () => {
  const dir = makeTempDir("sqlite-durability");
  let child: ChildProcess | undefined;
  afterEach(() => {
    child?.kill("SIGKILL");
    dir.remove();
  });

  it("keeps every acknowledged write after kill -9 in mid-stream", async () => {
    const path = join(dir.path, "state.db");
    child = spawn(process.execPath, [viteNode, writer, path], { stdio: ["ignore", "pipe", "pipe"] });
    const { acked, enough } = acknowledgements(child, 3000);
    await enough;
    const exited = new Promise((resolve) => child?.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
    expect(acked.size).toBeGreaterThanOrEqual(3000);

    const store = openSqliteStore(path, { compaction: false });
    try {
      for (const [key, revision] of acked) {
        expect((await store.get(key))?.modRevision, key).toBe(revision);
      }
      // Whatever else made it is whole: revisions 1..N, each exactly once, no holes.
      const current = await store.currentRevision();
      expect(current).toBeGreaterThanOrEqual(acked.size);
      const all = await store.list("/durability/");
      expect(all.items.map((kv) => kv.modRevision).sort((a, b) => a - b)).toEqual(
        Array.from({ length: current }, (_, i) => i + 1),
      );
    } finally {
      await store.close();
    }
    expect(integrityCheck(path)).toBe("ok");
  });
});
