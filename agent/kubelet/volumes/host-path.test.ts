import { mkdtemp, mkdir, rm, stat, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkHostPathType } from "./host-path.js";

let dir: string;
let socket: Server;
const at = (name: string): string => path.join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "skiff-hostpath-"));
  await mkdir(at("dir"));
  await writeFile(at("file"), "x");
  socket = createServer();
  await new Promise<void>((resolve) => socket.listen(at("sock"), resolve));
});
afterAll(async () => {
  await new Promise((resolve) => socket.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

describe("checkHostPathType", () => {
  it("checks nothing without a type", async () => {
    await expect(checkHostPathType(at("missing"), undefined)).resolves.toBeUndefined();
    await expect(checkHostPathType(at("missing"), "")).resolves.toBeUndefined();
  });

  it("accepts paths of the right type", async () => {
    await checkHostPathType(at("dir"), "Directory");
    await checkHostPathType(at("file"), "File");
    await checkHostPathType(at("sock"), "Socket");
    await checkHostPathType("/dev/null", "CharDevice");
  });

  it.each([
    ["missing", "Directory", "is not a directory"],
    ["file", "Directory", "is not a directory"],
    ["missing", "File", "is not a file"],
    ["dir", "File", "is not a file"],
    ["file", "Socket", "is not a socket file"],
    ["missing", "Socket", "is not a socket file"],
    ["file", "CharDevice", "is not a character device"],
    ["dir", "BlockDevice", "is not a block device"],
  ])("%s as %s: %s", async (name, type, message) => {
    await expect(checkHostPathType(at(name), type)).rejects.toThrow(`hostPath type check failed: ${at(name)} ${message}`);
  });

  it("makes a missing directory for DirectoryOrCreate, parents too, and accepts an existing one", async () => {
    await checkHostPathType(at("made/deep"), "DirectoryOrCreate");
    expect((await stat(at("made/deep"))).isDirectory()).toBe(true);
    await checkHostPathType(at("dir"), "DirectoryOrCreate");
    await expect(checkHostPathType(at("file"), "DirectoryOrCreate")).rejects.toThrow("is not a directory");
  });

  it("makes a missing empty file for FileOrCreate and keeps an existing one", async () => {
    await checkHostPathType(at("new-file"), "FileOrCreate");
    expect((await stat(at("new-file"))).size).toBe(0);
    await checkHostPathType(at("file"), "FileOrCreate");
    expect((await stat(at("file"))).size).toBe(1);
    await expect(checkHostPathType(at("dir"), "FileOrCreate")).rejects.toThrow("is not a file");
  });

  it("refuses an unknown type", async () => {
    await expect(checkHostPathType(at("dir"), "Folder")).rejects.toThrow("Folder is an invalid volume type");
  });
});
