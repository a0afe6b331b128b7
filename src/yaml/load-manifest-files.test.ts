import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { formatLoadError } from "./load-error.js";
import { loadManifestFiles } from "./load-manifest-files.js";
import type { LoadResult } from "./load-manifests.js";
import { nodeFileSystem, type ManifestFileSystem } from "./manifest-file-system.js";

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "skiff-yaml-"));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const configMap = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

/** The loaded objects' names, each with the file it came from relative to the temp dir. */
function names(result: LoadResult): string[] {
  return result.manifests.map((m) => {
    const metadata = m.object.metadata as { name: string };
    return `${m.source.replace(`${dir}/`, "")}:${metadata.name}`;
  });
}

const errorLines = (result: LoadResult): string[] =>
  result.errors.map((error) => formatLoadError(error).replace(`${dir}/`, ""));

describe("loadManifestFiles", () => {
  test("a directory yields its .yaml, .yml and .json files sorted by name, not its subdirectories", async () => {
    await writeFile(join(dir, "b.yaml"), configMap("b"));
    await writeFile(join(dir, "a.yml"), configMap("a") + "---\n" + configMap("a2"));
    await writeFile(join(dir, "c.json"), JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" } }));
    await writeFile(join(dir, "notes.txt"), "not: [a manifest");
    await writeFile(join(dir, "upper.YAML"), configMap("ignored"));
    await mkdir(join(dir, "sub"));
    await writeFile(join(dir, "sub", "d.yaml"), configMap("d"));
    const result = await loadManifestFiles([dir]);
    expect(errorLines(result)).toEqual([]);
    expect(names(result)).toEqual(["a.yml:a", "a.yml:a2", "b.yaml:b", "c.json:c"]);
  });

  test("recursive reads subdirectories depth first, in name order", async () => {
    await mkdir(join(dir, "m", "inner"), { recursive: true });
    await writeFile(join(dir, "a.yaml"), configMap("a"));
    await writeFile(join(dir, "m", "inner", "x.yaml"), configMap("x"));
    await writeFile(join(dir, "m", "b.yaml"), configMap("b"));
    await writeFile(join(dir, "z.yaml"), configMap("z"));
    const result = await loadManifestFiles([dir], { recursive: true });
    expect(names(result)).toEqual(["a.yaml:a", "m/b.yaml:b", "m/inner/x.yaml:x", "z.yaml:z"]);
  });

  test("a file named explicitly is read whatever its extension; paths keep their order", async () => {
    await writeFile(join(dir, "manifest.txt"), configMap("txt"));
    await writeFile(join(dir, "a.yaml"), configMap("a"));
    const result = await loadManifestFiles([join(dir, "manifest.txt"), join(dir, "a.yaml")]);
    expect(names(result)).toEqual(["manifest.txt:txt", "a.yaml:a"]);
  });

  test("a symbolic link to a manifest in a directory is read", async () => {
    await mkdir(join(dir, "real"));
    await writeFile(join(dir, "real", "r.yaml"), configMap("r"));
    await mkdir(join(dir, "links"));
    await symlink(join(dir, "real", "r.yaml"), join(dir, "links", "l.yaml"));
    expect(names(await loadManifestFiles([join(dir, "links")]))).toEqual(["links/l.yaml:r"]);
  });

  test("unreadable paths are errors naming them; the other paths still load", async () => {
    await writeFile(join(dir, "ok.yaml"), configMap("ok"));
    await writeFile(join(dir, "bad.yaml"), "kind: A\n  b: c\n");
    const result = await loadManifestFiles([join(dir, "missing.yaml"), join(dir, "ok.yaml"), join(dir, "bad.yaml")]);
    expect(names(result)).toEqual(["ok.yaml:ok"]);
    expect(errorLines(result)).toEqual([
      "missing.yaml: no such file or directory",
      "bad.yaml:1:7: nested mappings are not allowed in compact mappings",
    ]);
  });

  test("- reads standard input, named <stdin>; read failures become errors", async () => {
    const fileSystem: ManifestFileSystem = {
      ...nodeFileSystem,
      readStdin: async () => configMap("piped"),
      kind: async () => "file",
      readText: async (path) => {
        throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: "EACCES" });
      },
    };
    const result = await loadManifestFiles(["-", "/secret.yaml"], { fileSystem });
    expect(result.manifests.map((m) => [m.source, m.line])).toEqual([["<stdin>", 1]]);
    expect(errorLines(result)).toEqual(["/secret.yaml: permission denied"]);
  });

  test("a subdirectory that cannot be listed is an error naming it", async () => {
    const fileSystem: ManifestFileSystem = {
      ...nodeFileSystem,
      list: async (directory) => {
        if (directory.endsWith("locked")) throw new Error(`EACCES: permission denied, scandir '${directory}'`);
        return nodeFileSystem.list(directory);
      },
    };
    await mkdir(join(dir, "locked"));
    await writeFile(join(dir, "a.yaml"), configMap("a"));
    const result = await loadManifestFiles([dir], { recursive: true, fileSystem });
    expect(names(result)).toEqual(["a.yaml:a"]);
    expect(errorLines(result)).toEqual(["locked: permission denied"]);
  });
});
