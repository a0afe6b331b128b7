import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PkiFileError } from "./errors.js";
import { createPrivateDir, directoryExists, ensurePrivateDir, readPrivateFile, writePrivateFile } from "./private-files.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "skiff-private-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const mode = async (path: string): Promise<number> => (await stat(path)).mode & 0o777;

describe("writePrivateFile", () => {
  it("replaces a file's content with mode 0600 and leaves no temp file behind", async () => {
    const path = join(dir, "token");
    await writeFile(path, "old", { mode: 0o644 });
    await chmod(path, 0o644);

    await writePrivateFile(path, "new");

    expect(await readFile(path, "utf8")).toBe("new");
    expect(await mode(path)).toBe(0o600);
    expect(await readdir(dir)).toEqual(["token"]);
  });

  it("names the file when its folder is missing, and leaves nothing behind", async () => {
    const path = join(dir, "missing", "token");
    await expect(writePrivateFile(path, "x")).rejects.toMatchObject({ path, problem: "write-failed" });
    expect(await readdir(dir)).toEqual([]);
  });
});

describe("createPrivateDir", () => {
  it("creates the folder (0700) with all its files (0600) at once", async () => {
    const target = join(dir, "tls");
    await createPrivateDir(target, { "a.crt": "A", "a.key": "K" });

    expect(await mode(target)).toBe(0o700);
    expect((await readdir(target)).sort()).toEqual(["a.crt", "a.key"]);
    expect(await readFile(join(target, "a.key"), "utf8")).toBe("K");
    expect(await mode(join(target, "a.key"))).toBe(0o600);
    expect(await readdir(dir)).toEqual(["tls"]);
  });

  it("refuses to replace a folder that has files, and removes its temp folder", async () => {
    const target = join(dir, "tls");
    await mkdir(target);
    await writeFile(join(target, "keep"), "x");

    await expect(createPrivateDir(target, { "a.crt": "A" })).rejects.toBeInstanceOf(PkiFileError);
    expect(await readdir(target)).toEqual(["keep"]);
    expect(await readdir(dir)).toEqual(["tls"]);
  });
});

describe("ensurePrivateDir and directoryExists", () => {
  it("creates missing folders with mode 0700", async () => {
    const target = join(dir, "a", "b");
    await ensurePrivateDir(target);
    expect(await mode(target)).toBe(0o700);
    expect(await directoryExists(target)).toBe(true);
    expect(await directoryExists(join(dir, "nothing"))).toBe(false);
  });

  it("refuses a path whose parent is a file", async () => {
    await writeFile(join(dir, "file"), "x");
    const target = join(dir, "file", "data");
    await expect(ensurePrivateDir(target)).rejects.toMatchObject({ path: target, problem: "not-a-directory" });
    await expect(directoryExists(join(dir, "file"))).rejects.toMatchObject({ problem: "not-a-directory" });
  });
});

describe("readPrivateFile", () => {
  it("reads a file, and says undefined for a missing one", async () => {
    await writeFile(join(dir, "f"), "text");
    expect(await readPrivateFile(join(dir, "f"))).toBe("text");
    expect(await readPrivateFile(join(dir, "nothing"))).toBeUndefined();
  });

  it("names a path that is a folder, not a file", async () => {
    await expect(readPrivateFile(dir)).rejects.toMatchObject({ path: dir, problem: "unreadable" });
  });
});
