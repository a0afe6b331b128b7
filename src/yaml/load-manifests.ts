import type { LoadError } from "./load-error.js";
import { parseStream } from "./parse-stream.js";
import { locate, type SourceNode, type SourcePosition } from "./source-map.js";
import { toPlainValue, type ContentError } from "./to-plain-value.js";

/** One object from a manifest file, as plain JSON data, with where it came from. */
export interface LoadedManifest {
  object: Record<string, unknown>;
  /** The file name, or `<stdin>`. */
  source: string;
  /** 1-based, counting every `---` document of the file, empty ones too. */
  documentIndex: number;
  /** How many documents of the file have content. */
  documentCount: number;
  /** For an object from a List's `items`: its 0-based index there. */
  itemIndex?: number;
  /** Where the object starts. */
  line: number;
  column: number;
  /**
   * Where a field of this object (a Kubernetes field path relative to it, as
   * in `spec.containers[0].image` or `metadata.labels[app]`) was written, or
   * its nearest written ancestor when the field is missing.
   */
  locate(fieldPath: string): SourcePosition;
}

/** Everything a source yielded: the good objects, and one error per problem. */
export interface LoadResult {
  manifests: LoadedManifest[];
  errors: LoadError[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a sequence";
  return typeof value === "object" ? "a mapping" : `a ${typeof value}`;
}

/** As Kubernetes' unstructured getters see a field: only a non-empty string is set. */
function isUnset(value: unknown): boolean {
  return typeof value !== "string" || value === "";
}

/** kubectl's test: a `*List` kind with an `items` field. */
function isList(object: Record<string, unknown>): boolean {
  return typeof object.kind === "string" && object.kind.endsWith("List") && Object.hasOwn(object, "items");
}

interface DocumentContext {
  source: string;
  documentIndex: number;
  documentCount: number;
  errors: LoadError[];
  manifests: LoadedManifest[];
}

function manifest(
  context: DocumentContext,
  object: Record<string, unknown>,
  sourceMap: SourceNode,
  itemIndex?: number,
): LoadedManifest {
  const { source, documentIndex, documentCount } = context;
  const loaded: LoadedManifest = {
    object,
    source,
    documentIndex,
    documentCount,
    ...sourceMap.position,
    locate: (fieldPath) => locate(sourceMap, fieldPath),
  };
  if (itemIndex !== undefined) loaded.itemIndex = itemIndex;
  return loaded;
}

function fail(context: DocumentContext, position: SourcePosition, message: string): void {
  const { source, documentIndex, documentCount } = context;
  context.errors.push({ source, documentIndex, documentCount, position, message });
}

/**
 * A List's items become objects of their own. As kubectl does for typed lists,
 * an item of a `PodList` with neither `kind` nor `apiVersion` becomes a `Pod`
 * of the list's apiVersion. Lists inside lists are not expanded.
 */
function expandList(context: DocumentContext, list: Record<string, unknown>, sourceMap: SourceNode): void {
  const items = list.items;
  const itemsMap = sourceMap.entries?.get("items") ?? sourceMap;
  if (items === null) return;
  if (!Array.isArray(items)) {
    fail(context, itemsMap.position, `items: a ${String(list.kind)} needs a sequence of manifests, found ${describe(items)}`);
    return;
  }
  const itemKind = list.kind === "List" ? undefined : String(list.kind).slice(0, -"List".length);
  items.forEach((item: unknown, i) => {
    const itemMap = itemsMap.items?.[i] ?? itemsMap;
    if (!isObject(item)) {
      fail(context, itemMap.position, `items[${i}]: a manifest must be a mapping, found ${describe(item)}`);
      return;
    }
    if (itemKind !== undefined && isUnset(item.kind) && isUnset(item.apiVersion)) {
      item.kind = itemKind;
      if (typeof list.apiVersion === "string") item.apiVersion = list.apiVersion;
    }
    context.manifests.push(manifest(context, item, itemMap, i));
  });
}

function loadStream(text: string, source: string): LoadResult {
  const { documents, position } = parseStream(text);
  const converted = documents.map((document) => {
    if (document.syntaxError) {
      const errors: ContentError[] = [document.syntaxError];
      return { document, value: null, sourceMap: { position: position(document.offset) }, errors };
    }
    const plain = toPlainValue(document.contents, position);
    return { document, value: plain.value, sourceMap: plain.source, errors: plain.errors };
  });
  const documentCount = converted.filter((c) => c.errors.length > 0 || c.value !== null).length;
  const result: LoadResult = { manifests: [], errors: [] };
  for (const { document, value, sourceMap, errors } of converted) {
    const context: DocumentContext = {
      source,
      documentIndex: document.index,
      documentCount,
      errors: result.errors,
      manifests: result.manifests,
    };
    if (errors.length > 0) {
      for (const error of errors) fail(context, position(error.offset), error.message);
    } else if (value === null) {
      continue; // an empty document, e.g. after a trailing `---`
    } else if (!isObject(value)) {
      fail(context, sourceMap.position, `a manifest must be a mapping, found ${describe(value)}`);
    } else if (isList(value)) {
      expandList(context, value, sourceMap);
    } else {
      result.manifests.push(manifest(context, value, sourceMap));
    }
  }
  return result;
}

/**
 * Loads the Kubernetes objects in a YAML or JSON text: every `---` document,
 * empty documents skipped, `List` kinds expanded into their items. Scalars
 * mean what they mean to Kubernetes (YAML 1.1 as go-yaml v2 reads it:
 * `0644` is 420, `yes` is true; see scalar.ts). Never throws: syntax errors,
 * duplicate keys, and documents that are not mappings come back as errors
 * that name the source, the document and the line.
 *
 * @example
 * const { manifests, errors } = loadManifests(text, "app.yaml");
 * errors.map(formatLoadError); // ["app.yaml:3:1: document 2: ..."]
 * manifests[0]?.locate("spec.replicas"); // { line: 7, column: 3 }
 */
export function loadManifests(text: string, source: string): LoadResult {
  try {
    return loadStream(text, source);
  } catch (error) {
    // The parser is not ours; whatever it might still throw becomes an error line.
    const message = error instanceof Error ? error.message : String(error);
    return { manifests: [], errors: [{ source, message: `cannot parse: ${message}` }] };
  }
}
