import { mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_TERMINATION_MESSAGE_BYTES, TerminationMessageFiles } from "./termination-message.js";

let root: string;
let files: TerminationMessageFiles;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "skiff-term-test-"));
  files = new TerminationMessageFiles(root);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("TerminationMessageFiles", () => {
  it("makes an empty file anyone may write, per container under the pod's directory", async () => {
    const file = await files.create("pod-uid", "app", 2);
    expect(file.startsWith(join(root, "pod-uid", "app-2-"))).toBe(true);
    expect((await stat(file)).mode & 0o777).toBe(0o666);
    expect(await files.read(file)).toBeUndefined();
    expect(await files.create("pod-uid", "app", 2)).not.toBe(file);
  });

  it("reads at most 4 KiB of the message", async () => {
    const file = await files.create("pod-2", "app", 0);
    await writeFile(file, "y".repeat(MAX_TERMINATION_MESSAGE_BYTES + 10));
    expect(await files.read(file)).toBe("y".repeat(MAX_TERMINATION_MESSAGE_BYTES));
  });

  it("removes the file, and the pod's directory with its last file", async () => {
    const first = await files.create("pod-3", "a", 0);
    const second = await files.create("pod-3", "b", 0);
    await files.remove(first);
    expect(await readdir(join(root, "pod-3"))).toHaveLength(1);
    await files.remove(second);
    await expect(stat(join(root, "pod-3"))).rejects.toThrow();
    await files.remove(second);
  });

  it("never reads or removes a file outside its root, whatever a label says", async () => {
    const outside = join(tmpdir(), `skiff-term-outside-${process.pid}`);
    await writeFile(outside, "secret");
    try {
      expect(await files.read(outside)).toBeUndefined();
      expect(await files.read(join(root, "..", "etc"))).toBeUndefined();
      await files.remove(outside);
      expect((await stat(outside)).isFile()).toBe(true);
    } finally {
      await rm(outside, { force: true });
    }
  });

  it("keeps odd pod uids and names inside its root", async () => {
    const file = await files.create("../../escape", "a/b", 0);
    expect(file.startsWith(join(root, ".._.._escape", "a_b-0-"))).toBe(true);
  });
});
