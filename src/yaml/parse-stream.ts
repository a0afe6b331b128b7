import { Composer, CST, LineCounter, Parser } from "yaml";
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

/** The offset of a collection nested deeper than the composer can safely recurse. */
function tooDeepAt(document: CST.Document): number | undefined {
  let found: number | undefined;
  walkCst(document, (token, depth) => {
    if (found === undefined && depth > maxNesting && CST.isCollection(token)) found = token.offset;
  });
  return found;
}

/** The start of the quoted string that is still open at `offset`. */
function openQuoteBefore(document: CST.Document, offset: number): number | undefined {
  let start: number | undefined;
  walkCst(document, (token) => {
    if (quotedScalar.has(token.type) && token.offset <= offset && token.offset > (start ?? -1)) start = token.offset;
  });
  return start;
}

/** Errors about indentation point at the line's start; the reader wants the text. */
function firstVisible(text: string, offset: number): number {
  let at = offset;
  while (text[at] === " ") at++;
  return at;
}

function firstLine(message: string): string {
  return message.split("\n", 1)[0] ?? message;
}

/**
 * Parses a YAML (or JSON) stream into documents, never throwing. Each
 * document keeps only its first syntax error (by position): later ones are
 * mostly echoes of it. An unclosed quote is reported where the string opens, not at the end of
 * the file where the parser notices it.
 */
export function parseStream(text: string): ParsedStream {
  const lines = new LineCounter();
  const position = (offset: number): SourcePosition => {
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
  const tokens = Array.from(new Parser(lines.addNewLine).parse(text));
  const cstDocuments = tokens.filter((t): t is CST.Document => t.type === "document");
  const deepDocuments = new Map<number, number>();
  const composable = tokens.map((token) => {
    if (token.type !== "document") return token;
    const deepAt = tooDeepAt(token);
    if (deepAt === undefined) return token;
    deepDocuments.set(cstDocuments.indexOf(token), deepAt);
    // Compose an empty document in its place; the error is reported below.
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
  // The composer may file an error under the document before the one it is
  // in (a stray token right after `---`), so errors are re-filed by offset.
  const starts = composed.map((document) => document.range[0]);
  const documentAt = (offset: number): number => {
    let i = 0;
    while (i + 1 < starts.length && (starts[i + 1] ?? Infinity) <= offset) i++;
    return i;
  };
  for (const [i, deepAt] of deepDocuments) {
    const document = documents[i];
    if (document) document.syntaxError = { offset: deepAt, message: `nested deeper than ${maxNesting} levels` };
  }
  for (const error of composed.flatMap((document) => document.errors)) {
    const i = documentAt(error.pos[0]);
    const document = documents[i];
    if (!document || (document.syntaxError && document.syntaxError.offset <= error.pos[0])) continue;
    const cst = cstDocuments[i];
    const quoteAt = error.code === "MISSING_CHAR" && cst ? openQuoteBefore(cst, error.pos[0]) : undefined;
    document.syntaxError =
      quoteAt !== undefined && /quote/.test(error.message)
        ? { offset: quoteAt, message: `${firstLine(error.message)} for the string that starts here` }
        : { offset: firstVisible(text, error.pos[0]), message: firstLine(error.message) };
  }
  return { documents, position };
}
