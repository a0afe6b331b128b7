import { join } from "node:path";
import { loadManifests, type LoadResult } from "./load-manifests.js";
import type { LoadError } from "./load-error.js";
import { nodeFileSystem, type EntryKind, type ManifestFileSystem } from "./manifest-file-system.js";

/** The extensions kubectl reads from a directory (a file named explicitly is read whatever its name). */
const manifestExtensions = [".yaml", ".yml", ".json"];

export interface LoadManifestFilesOptions {
  /** Also read the subdirectories of a directory, as `kubectl -R`. */
  recursive?: boolean;
  fileSystem?: ManifestFileSystem;
}

/** "ENOENT: no such file or directory, open 'x'" → "no such file or directory". */
function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return /^E[A-Z]+: ([^,]+)/.exec(message)?.[1] ?? message;
}

/**
 * The manifest files in a directory, sorted by name, depth first when
 * recursive. A directory that cannot be listed adds an error naming it.
 */
async function filesIn(
  directory: string,
  recursive: boolean,
  fileSystem: ManifestFileSystem,
  errors: LoadError[],
): Promise<string[]> {
  let entries: Awaited<ReturnType<ManifestFileSystem["list"]>>;
  try {
    entries = await fileSystem.list(directory);
  } catch (error) {
    errors.push({ source: directory, message: reason(error) });
    return [];
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.kind === "directory" && recursive) files.push(...(await filesIn(path, recursive, fileSystem, errors)));
    if (entry.kind === "file" && manifestExtensions.some((extension) => entry.name.endsWith(extension))) {
      files.push(path);
    }
  }
  return files;
}

/**
 * Loads the manifests in files and directories, in the order given; `-` reads
 * standard input (named `<stdin>` in messages). A directory yields its
 * `.yaml`, `.yml` and `.json` files sorted by name. Never throws: a path that
 * cannot be read becomes an error naming it, and the other paths still load.
 *
 * @example
 * const { manifests, errors } = await loadManifestFiles(["app/", "-"], { recursive: true });
 */
export async function loadManifestFiles(
  paths: readonly string[],
  options: LoadManifestFilesOptions = {},
): Promise<LoadResult> {
  const fileSystem = options.fileSystem ?? nodeFileSystem;
  const result: LoadResult = { manifests: [], errors: [] };
  const load = async (source: string, read: () => Promise<string>): Promise<void> => {
    let text: string;
    try {
      text = await read();
    } catch (error) {
      result.errors.push({ source, message: reason(error) });
      return;
    }
    const loaded = loadManifests(text, source);
    // One by one: spreading a very large array into push() can overflow the stack.
    for (const manifest of loaded.manifests) result.manifests.push(manifest);
    for (const error of loaded.errors) result.errors.push(error);
  };
  for (const path of paths) {
    if (path === "-") {
      await load("<stdin>", () => fileSystem.readStdin());
      continue;
    }
    let kind: EntryKind;
    try {
      kind = await fileSystem.kind(path);
    } catch (error) {
      result.errors.push({ source: path, message: reason(error) });
      continue;
    }
    if (kind === "file") {
      await load(path, () => fileSystem.readText(path));
    } else if (kind === "directory") {
      for (const file of await filesIn(path, options.recursive ?? false, fileSystem, result.errors)) {
        await load(file, () => fileSystem.readText(file));
      }
    } else {
      result.errors.push({ source: path, message: "not a file or directory" });
    }
  }
  return result;
}
