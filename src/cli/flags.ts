import { parseArgs, type ParseArgsConfig } from "node:util";
import { z } from "zod";

/** A command-line mistake: printed as one line with the usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/**
 * Parses flags with node's parseArgs, then checks and converts them with a
 * zod schema (flags are an edge like any other input).
 */
export function parseFlags<S extends z.ZodType>(
  argv: string[],
  options: NonNullable<ParseArgsConfig["options"]>,
  schema: S,
  allowPositionals = false,
): { flags: z.output<S>; positionals: string[] } {
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const result = schema.safeParse(parsed.values);
  if (!result.success) {
    const problem = result.error.issues[0]!;
    const flag = problem.path.length > 0 ? `--${String(problem.path[0])}` : "flags";
    throw new UsageError(`${flag}: ${problem.message}`);
  }
  return { flags: result.data, positionals: parsed.positionals };
}
