import { Composer, CST, LineCounter, Parser, type YAMLParseError } from "yaml";
import type { SourcePosition } from "./source-map.js";
import { maxNesting, type ContentError } from "./to-plain-value.js";

/** One `---`-separated document of a YAML stream, parsed but not yet converted. */
export interface ParsedDocument {
  /** 1-based, counting every document of the stream, empty ones too. */
  index: number;
  /** Offset where the document's content starts. */
  offset: number;
  /** The composed root node (failsafe schema: scalars keep their text). */
  contents: unknown;
  /** The first syntax error, when the document has one. */
  syntaxError?: ContentError;
}

export interface ParsedStream {
  documents: ParsedDocument[];
  position(offset: number): SourcePosition;
}

// Every scalar stays a string here; scalar.ts resolves them as Kubernetes does.
// Duplicate keys are found after key conversion (`on:` and `true:` collide).
const composerOptions = { schema: "failsafe", uniqueKeys: false } as const;

const quotedScalar = new Set(["single-quoted-scalar", "double-quoted-scalar"]);

/** Visits a document's CST tokens without recursion, so any depth is safe. */
function walkCst(document: CST.Document, visit: (token: CST.Token, depth: number) => void): void {
  const stack: Array<[CST.Token, number]> = document.value ? [[document.value, 1]] : [];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [token, depth] = next;
    visit(token, depth);
    if (!CST.isCollection(token)) continue;
    for (const item of token.items) {
      if (item.key) stack.push([item.key, depth + 1]);
      if (item.value) stack.push([item.value, depth + 1]);
    }
  }
}

/** The first collection nested deeper than the composer can safely recurse. */
function tooDeepAt(document: CST.Document): number | undefined {
  let found: number | undefined;
  walkCst(document, (token, depth) => {
    if (depth > maxNesting && CST.isCollection(token) && token.offset < (found ?? Infinity)) found = token.offset;
  });
  return found;
}

/** The quoted string still open at `offset`: the last one that starts before it. */
function openQuoteBefore(document: CST.Document, offset: number): CST.Token | undefined {
  let open: CST.Token | undefined;
  walkCst(document, (token) => {
    if (quotedScalar.has(token.type) && token.offset <= offset && token.offset > (open?.offset ?? -1)) open = token;
  });
  return open;
}

/** Errors about indentation point at the line's start; the reader wants the text. */
function firstVisible(text: string, offset: number): number {
  let at = offset;
  while (text[at] === " ") at++;
  return at;
}

/** One line, lower-case first like the rest of our messages (and go-yaml's). */
function asMessage(parserMessage: string): string {
  const line = parserMessage.split("\n", 1)[0] ?? parserMessage;
  return line.charAt(0).toLowerCase() + line.slice(1);
}

/**
 * Where and how to report a parser error. An unclosed quote is reported where
 * the string opens, not at the end of the file where the parser notices it.
 */
function syntaxError(error: YAMLParseError, cst: CST.Document | undefined, text: string): ContentError {
  const unclosedQuote = error.code === "MISSING_CHAR" && /quote/.test(error.message);
  const open = unclosedQuote && cst ? openQuoteBefore(cst, error.pos[0]) : undefined;
  if (open) {
    const quote = open.type === "single-quoted-scalar" ? "'" : '"';
    return { offset: open.offset, message: `missing closing ${quote} for the string that starts here` };
  }
  return { offset: firstVisible(text, error.pos[0]), message: asMessage(error.message) };
}

/** The index of the last of the sorted `starts` at or before `offset`. */
function lastAtOrBefore(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if ((starts[middle] ?? Infinity) <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/**
 * Parses a YAML (or JSON) stream into documents, never throwing. Each
 * document keeps only its first syntax error (by position): later ones are
 * mostly echoes of it. Documents nested deeper than `maxNesting` are not
 * composed (the composer recurses and would exhaust the stack) but reported.
 */
export function parseStream(source: string): ParsedStream {
  // A byte-order mark is no column: editors count the first key as column 1.
  const text = source.startsWith("\uFEFF") ? source.slice(1) : source;
  const lines = new LineCounter();
  const position = (offset: number): SourcePosition => {
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
  const tokens = Array.from(new Parser(lines.addNewLine).parse(text));
  const cstDocuments: CST.Document[] = [];
  const tooDeep = new Map<number, number>();
  const composable = tokens.map((token) => {
    if (token.type !== "document") return token;
    cstDocuments.push(token);
    const deepAt = tooDeepAt(token);
    if (deepAt === undefined) return token;
    tooDeep.set(cstDocuments.length - 1, deepAt);
    const empty: CST.FlowScalar = { type: "scalar", offset: deepAt, indent: 0, source: "" };
    return { ...token, value: empty };
  });
  const composed = Array.from(new Composer(composerOptions).compose(composable));
  const documents = composed.map(
    (document, i): ParsedDocument => ({
      index: i + 1,
      offset: document.contents?.range?.[0] ?? document.range[0],
      contents: document.contents,
    }),
  );
  for (const [i, deepAt] of tooDeep) {
    const document = documents[i];
    if (document) document.syntaxError = { offset: deepAt, message: `nested deeper than ${maxNesting} levels` };
  }
  // The composer may file an error under the document before the one it is
  // in (a stray token right after `---`), so errors are re-filed by offset.
  const starts = composed.map((document) => document.range[0]);
  for (const error of composed.flatMap((document) => document.errors)) {
    const i = lastAtOrBefore(starts, error.pos[0]);
    const document = documents[i];
    if (!document) continue;
    const located = syntaxError(error, cstDocuments[i], text);
    if (!document.syntaxError || located.offset < document.syntaxError.offset) document.syntaxError = located;
  }
  return { documents, position };
}
