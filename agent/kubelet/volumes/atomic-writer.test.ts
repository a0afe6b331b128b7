import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { validatePayloadPath, writePayloadAtomically } from "./atomic-writer.js";
import type { Payload } from "./payload.js";

let dir: string;
beforeEach(async () => {
  dir = path.join(await mkdtemp(path.join(tmpdir(), "skiff-atomic-")), "vol");
});
afterEach(async () => {
  await rm(path.dirname(dir), { recursive: true, force: true });
});

const payloadOf = (files: Record<string, string | [string, number]>): Payload =>
  new Map(
    Object.entries(files).map(([target, file]) => {
      const [text, mode] = typeof file === "string" ? [file, 0o644] : file;
      return [target, { data: Buffer.from(text), mode }];
    }),
  );
const read = (target: string): Promise<string> => readFile(path.join(dir, target), "utf8");
const versions = async (): Promise<string[]> => (await readdir(dir)).filter((e) => e.startsWith("..") && e !== "..data");
const when = new Date(Date.UTC(2026, 10, 23, 15, 4, 5));

describe("writePayloadAtomically", () => {
  it("writes a timestamped version, points ..data at it and links each key", async () => {
    expect(await writePayloadAtomically(dir, payloadOf({ "app.conf": "a=1", "nested/deep/x": "x" }), when)).toBe(true);
    const [version] = await versions();
    expect(version).toMatch(/^\.\.2026_11_23_15_04_05\.[A-Za-z0-9]{6}$/);
    expect(await readlink(path.join(dir, "..data"))).toBe(version);
    expect(await readlink(path.join(dir, "app.conf"))).toBe("..data/app.conf");
    expect(await readlink(path.join(dir, "nested"))).toBe("..data/nested");
    expect(await read("app.conf")).toBe("a=1");
    expect(await read("nested/deep/x")).toBe("x");
    expect((await readdir(dir)).sort()).toEqual(["..data", version, "app.conf", "nested"].sort());
  });

  it("gives files their modes, whatever the umask, and the version directory 0755", async () => {
    await writePayloadAtomically(dir, payloadOf({ secret: ["s", 0o400], script: ["#!", 0o755], plain: "p" }), when);
    const mode = async (target: string): Promise<number> => (await stat(path.join(dir, target))).mode & 0o7777;
    expect(await mode("secret")).toBe(0o400);
    expect(await mode("script")).toBe(0o755);
    expect(await mode("plain")).toBe(0o644);
    expect(await mode("..data")).toBe(0o755);
  });

  it("replaces the content, removes keys no longer there and deletes the old version", async () => {
    await writePayloadAtomically(dir, payloadOf({ a: "1", b: "2" }), when);
    const [first] = await versions();
    await writePayloadAtomically(dir, payloadOf({ a: "one", c: "3" }), new Date(when.getTime() + 60_000));
    const after = await versions();
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(first);
    expect(after[0]).toMatch(/^\.\.2026_11_23_15_05_05\./);
    expect(await read("a")).toBe("one");
    expect(await read("c")).toBe("3");
    await expect(lstat(path.join(dir, "b"))).rejects.toThrow(/ENOENT/);
  });

  it("writes nothing when the files are the same, and rewrites when only a mode changed", async () => {
    await writePayloadAtomically(dir, payloadOf({ a: "1" }), when);
    const [first] = await versions();
    expect(await writePayloadAtomically(dir, payloadOf({ a: "1" }), when)).toBe(false);
    expect(await versions()).toEqual([first]);
    expect(await writePayloadAtomically(dir, payloadOf({ a: ["1", 0o600] }), when)).toBe(true);
    expect(await versions()).not.toEqual([first]);
  });

  it.skipIf(process.getuid?.() !== 0)("gives the volume to an fsGroup: group-owned, group-readable, setgid directories", async () => {
    expect(await writePayloadAtomically(dir, payloadOf({ secret: ["s", 0o400], "sub/file": ["f", 0o600] }), when, 2000)).toBe(true);
    const info = async (target: string): Promise<[number, string]> => {
      const stats = await stat(path.join(dir, target));
      return [stats.gid, (stats.mode & 0o7777).toString(8)];
    };
    expect(await info("secret")).toEqual([2000, "440"]);
    expect(await info("sub/file")).toEqual([2000, "640"]);
    expect(await info("sub")).toEqual([2000, "2755"]);
    expect(await info("..data")).toEqual([2000, "2755"]);
    expect(await info(".")).toEqual([2000, "2755"]);
    expect(await writePayloadAtomically(dir, payloadOf({ secret: ["s", 0o400], "sub/file": ["f", 0o600] }), when, 2000)).toBe(false);
  });

  it.skipIf(process.getuid?.() !== 0)("gives a file its owner, and rewrites when only the owner changed", async () => {
    const token = (owner: number): Payload => new Map([["token", { data: Buffer.from("t"), mode: 0o600, owner }]]);
    expect(await writePayloadAtomically(dir, token(1000), when)).toBe(true);
    expect((await stat(path.join(dir, "token"))).uid).toBe(1000);
    expect(await writePayloadAtomically(dir, token(1000), when)).toBe(false);
    expect(await writePayloadAtomically(dir, token(1001), when)).toBe(true);
    expect((await stat(path.join(dir, "token"))).uid).toBe(1001);
  });

  it("writes an empty volume (an optional source that is missing)", async () => {
    await writePayloadAtomically(dir, new Map(), when);
    expect(await readdir(path.join(dir, "..data"))).toEqual([]);
  });

  it("replaces whatever stands where a key's link belongs", async () => {
    await writePayloadAtomically(dir, payloadOf({ a: "1" }), when);
    await mkdir(path.join(dir, "later"));
    await writePayloadAtomically(dir, payloadOf({ a: "1", later: "now a key" }), when);
    expect(await read("later")).toBe("now a key");
  });

  it("cleans up version directories a crash left behind", async () => {
    await writePayloadAtomically(dir, payloadOf({ a: "1" }), when);
    await mkdir(path.join(dir, "..2020_01_01_00_00_00.stale1"));
    await writePayloadAtomically(dir, payloadOf({ a: "2" }), when);
    expect(await versions()).toHaveLength(1);
  });

  it("never lets a reader see a half-written or missing file while versions are swapped", async () => {
    const size = 128 * 1024;
    const versionOf = (char: string): Payload => payloadOf({ big: char.repeat(size), small: char });
    await writePayloadAtomically(dir, versionOf("A"), when);
    let writing = true;
    const seen = new Set<string>();
    const reader = async (): Promise<void> => {
      while (writing) {
        const text = await read("big");
        expect(text.length).toBe(size);
        const first = text.charAt(0);
        expect(text).toBe(first.repeat(size));
        seen.add(first);
      }
    };
    const readers = [reader(), reader(), reader()];
    // Readers must have overlapped the swaps: keep swapping until they saw both versions.
    for (let i = 0; i < 10 || (seen.size < 2 && i < 200); i++) {
      await writePayloadAtomically(dir, versionOf(i % 2 === 0 ? "B" : "A"), when);
    }
    writing = false;
    await Promise.all(readers);
    expect(seen.size).toBe(2);
  });

  it("refuses payload paths that are empty, absolute, or climb out, with the kubelet's messages", async () => {
    await expect(writePayloadAtomically(dir, payloadOf({ "../escape": "x" }), when)).rejects.toThrow(
      "invalid path: must not contain '..': ../escape",
    );
    expect(() => validatePayloadPath("")).toThrow('invalid path: must not be empty: ""');
    expect(() => validatePayloadPath("/etc/passwd")).toThrow("invalid path: must be relative path: /etc/passwd");
    expect(() => validatePayloadPath("a/../../b")).toThrow("invalid path: must not contain '..'");
    expect(() => validatePayloadPath("..data/x")).toThrow("invalid path: must not start with '..': ..data/x");
    expect(() => validatePayloadPath("x".repeat(256))).toThrow("invalid path: filenames must be less than or equal to 255 characters");
    expect(() => validatePayloadPath("a/..b/c")).not.toThrow();
  });
});
