import { tokenize, type Token, type TokenKind } from "./lexer.js";
import { newRequirement, type Operator, type Requirement } from "./requirement.js";
import { Selector } from "./selector.js";
import { SelectorError, type SelectorResult } from "./selector-error.js";

/** Thrown inside the parser only; parseSelector turns it into a result. */
class ParseFailure {
  constructor(
    readonly message: string,
    readonly position: number,
  ) {}
}

const binaryOperators: ReadonlyMap<TokenKind, Operator> = new Map<TokenKind, Operator>([
  ["in", "in"],
  ["notin", "notin"],
  ["=", "="],
  ["==", "=="],
  ["!=", "!="],
  [">", "gt"],
  ["<", "lt"],
]);

/**
 * A recursive-descent parser over the tokens, following Kubernetes' grammar
 * and messages. Where a value may stand, `in` and `notin` are plain words.
 */
class Parser {
  private index = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  /** The next token, as a value: keywords read as identifiers. */
  private peek(): Token {
    return this.asValue(this.tokens[this.index] ?? this.endToken());
  }

  private next(): Token {
    const token = this.peek();
    if (this.index < this.tokens.length - 1) this.index++;
    return token;
  }

  /** The next token with `in` / `notin` kept as operators. */
  private nextOperator(): Token {
    const token = this.tokens[this.index] ?? this.endToken();
    if (this.index < this.tokens.length - 1) this.index++;
    return token;
  }

  private asValue(token: Token): Token {
    return token.kind === "in" || token.kind === "notin" ? { ...token, kind: "identifier" } : token;
  }

  private endToken(): Token {
    return this.tokens[this.tokens.length - 1] ?? { kind: "end", text: "", position: 0 };
  }

  private fail(token: Token, expected: string): never {
    throw new ParseFailure(`found '${token.text}', expected: ${expected}`, token.position);
  }

  parse(): Requirement[] {
    const requirements: Requirement[] = [];
    for (;;) {
      const token = this.peek();
      if (token.kind === "end") return requirements;
      if (token.kind !== "identifier" && token.kind !== "!") this.fail(token, "!, identifier, or 'end of string'");
      requirements.push(this.requirement());
      const separator = this.next();
      if (separator.kind === "end") return requirements;
      if (separator.kind !== ",") this.fail(separator, "',' or 'end of string'");
      const following = this.peek();
      if (following.kind !== "identifier" && following.kind !== "!") this.fail(following, "identifier after ','");
    }
  }

  private requirement(): Requirement {
    const start = this.peek().position;
    let negated = false;
    let keyToken = this.next();
    if (keyToken.kind === "!") {
      negated = true;
      keyToken = this.next();
    }
    if (keyToken.kind !== "identifier") this.fail(keyToken, "identifier");
    const key = keyToken.text;

    let operator: Operator;
    let values: string[] = [];
    const following = this.peek().kind;
    if (negated) {
      operator = "!";
    } else if (following === "end" || following === ",") {
      operator = "exists";
    } else {
      const operatorToken = this.nextOperator();
      const binary = binaryOperators.get(operatorToken.kind);
      if (binary === undefined) this.fail(operatorToken, "in, notin, =, ==, !=, gt, lt");
      operator = binary;
      values = operator === "in" || operator === "notin" ? this.valueSet() : [this.exactValue()];
    }
    const built = newRequirement(key, operator, [...new Set(values)].sort());
    if (!built.ok) throw new ParseFailure(built.problems.join("; "), start);
    return built.value;
  }

  /** `(a, b, c)`; empty members (`(a,,b)`, `()`) stand for the empty value, as in Kubernetes. */
  private valueSet(): string[] {
    const open = this.next();
    if (open.kind !== "(") this.fail(open, "'('");
    const values: string[] = [];
    let expectValue = true;
    for (;;) {
      const token = this.next();
      if (token.kind === ")") {
        if (expectValue) values.push("");
        return values;
      }
      if (token.kind === "identifier" && expectValue) {
        values.push(token.text);
        expectValue = false;
      } else if (token.kind === ",") {
        if (expectValue) values.push("");
        expectValue = true;
      } else {
        this.fail(token, expectValue ? "',', ')' or identifier" : "',' or ')'");
      }
    }
  }

  /** The value after `=`, `==`, `!=`, `>` or `<`; nothing before `,` or the end means the empty value. */
  private exactValue(): string {
    const token = this.peek();
    if (token.kind === "end" || token.kind === ",") return "";
    this.next();
    if (token.kind !== "identifier") this.fail(token, "identifier");
    return token.text;
  }
}

/**
 * Parses a label selector string as Kubernetes does: `app=web,tier!=db`,
 * `env in (prod, staging)`, `env notin (dev)`, `canary`, `!canary`,
 * `app==web`, `replicas>2`. An empty string selects everything. The
 * result's selector is sorted by key and prints canonically.
 */
export function parseSelector(selector: string): SelectorResult {
  try {
    const requirements = new Parser(tokenize(selector)).parse();
    return { ok: true, value: Selector.of(requirements) };
  } catch (failure) {
    if (!(failure instanceof ParseFailure)) throw failure;
    return { ok: false, error: new SelectorError(`unable to parse requirement: ${failure.message}`, failure.position) };
  }
}

/** Parses a selector known to be valid (a constant in code); throws SelectorError otherwise. */
export function mustParseSelector(selector: string): Selector {
  const result = parseSelector(selector);
  if (!result.ok) throw result.error;
  return result.value;
}
