import type { SourcePosition } from "./source-map.js";

/**
 * Where a message points: a file (or `<stdin>`), and when known the document
 * in it and a position. The document number is printed only when the file
 * holds more than one document, so single-object files read like any
 * compiler's output.
 */
export interface SourceLocation {
  source: string;
  /** 1-based, counting every `---` document of the file. */
  documentIndex?: number;
  /** How many documents of the file have content; the number is shown when > 1. */
  documentCount?: number;
  position?: SourcePosition;
}

/** A problem loading manifests: unreadable path, YAML syntax, or a document that is no object. */
export interface LoadError extends SourceLocation {
  message: string;
}

/**
 * The one prefix format for every located message:
 * `deploy.yaml:14:5: document 2` (or `deploy.yaml:14:5`, or `deploy.yaml`).
 */
export function formatLocation(location: SourceLocation): string {
  let text = location.source;
  if (location.position) text += `:${location.position.line}:${location.position.column}`;
  if (location.documentIndex !== undefined && (location.documentCount ?? 0) > 1) {
    text += `: document ${location.documentIndex}`;
  }
  return text;
}

/** `deploy.yaml:14:5: document 2: Implicit keys need to be on a single line` */
export function formatLoadError(error: LoadError): string {
  return `${formatLocation(error)}: ${error.message}`;
}
