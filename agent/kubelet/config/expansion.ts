/**
 * Kubernetes' `$(VAR)` expansion of env values, command and args: a
 * reference to a known variable is replaced by its value, an unknown one is
 * left as written, `$$` is a literal `$`, and any other `$` stays as it is.
 *
 * @example
 * expand("$(HOST):$(PORT) $$(HOST)", (name) => ({ HOST: "db", PORT: "5432" })[name]);
 * // "db:5432 $(HOST)"
 */
export function expand(input: string, lookup: (name: string) => string | undefined): string {
  let out = "";
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    // A `$` at the very end has nothing to introduce: it is copied as is.
    if (input[cursor] !== "$" || cursor + 1 >= input.length) continue;
    out += input.slice(checkpoint, cursor);
    const next = input.charAt(cursor + 1);
    if (next === "(") {
      const close = input.indexOf(")", cursor + 2);
      if (close === -1) {
        // An unclosed reference is text.
        out += "$(";
        cursor += 1;
      } else {
        const name = input.slice(cursor + 2, close);
        out += lookup(name) ?? `$(${name})`;
        cursor = close;
      }
    } else {
      // `$$` is an escaped `$`; `$x` is just text.
      out += next === "$" ? "$" : `$${next}`;
      cursor += 1;
    }
    checkpoint = cursor + 1;
  }
  return out + input.slice(checkpoint);
}
