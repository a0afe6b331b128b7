import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { subPathHostPath } from "./sub-path.js";

let base: string;
let volume: string;
beforeEach(() => {
  base = mkdtempSync(path.join(tmpdir(), "skiff-subpath-"));
  volume = path.join(base, "vol");
  mkdirSync(volume);
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

const resolve = (subPath: string): string => subPathHostPath(volume, subPath, "data", "app");

describe("subPathHostPath", () => {
  it("returns an existing file or directory inside the volume", () => {
    writeFileSync(path.join(volume, "app.conf"), "x");
    expect(resolve("app.conf")).toBe(path.join(volume, "app.conf"));
    expect(resolve("./app.conf")).toBe(path.join(volume, "app.conf"));
  });

  it("makes missing directories with the volume's mode", () => {
    chmodSync(volume, 0o777);
    expect(resolve("a/b")).toBe(path.join(volume, "a/b"));
    expect(statSync(path.join(volume, "a")).mode & 0o777).toBe(0o777);
    expect(statSync(path.join(volume, "a/b")).isDirectory()).toBe(true);
  });

  it("follows symlinks that stay inside the volume, to the real path", () => {
    mkdirSync(path.join(volume, "..2026_01_01"));
    writeFileSync(path.join(volume, "..2026_01_01", "key"), "v");
    symlinkSync("..2026_01_01", path.join(volume, "..data"));
    symlinkSync("..data/key", path.join(volume, "key"));
    expect(resolve("key")).toBe(path.join(volume, "..2026_01_01", "key"));
  });

  it("refuses absolute paths and '..' with the kubelet's messages", () => {
    expect(() => resolve("/etc")).toThrow("error SubPath `/etc` must not be an absolute path");
    expect(() => resolve("a/../../etc")).toThrow("unable to provision SubPath `a/../../etc`: must not contain '..'");
  });

  it("refuses a symlink out of the volume and makes nothing outside it", () => {
    const outside = path.join(base, "outside");
    mkdirSync(outside);
    symlinkSync(outside, path.join(volume, "escape"));
    symlinkSync("/etc/passwd", path.join(volume, "passwd"));
    expect(() => resolve("escape")).toThrow('failed to prepare subPath for volumeMount "data" of container "app"');
    expect(() => resolve("escape/new/dir")).toThrow('failed to prepare subPath for volumeMount "data" of container "app"');
    expect(() => statSync(path.join(outside, "new"))).toThrow(/ENOENT/);
    expect(() => resolve("passwd")).toThrow(/failed to prepare subPath/);
  });

  it("fails when the volume itself does not exist", () => {
    expect(() => subPathHostPath(path.join(base, "nope"), "x", "data", "app")).toThrow(/failed to prepare subPath/);
  });
});
