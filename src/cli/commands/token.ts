import { z } from "zod";
import { createdJoinTokenSchema, joinTokenListSchema, joinTokensPath, type JoinTokenInfo } from "../../join/join-api.js";
import { isJoinTokenId } from "../../join/join-token.js";
import { parseGoDuration } from "../args/go-flags.js";
import { connect } from "../connect.js";
import { parseFlags, UsageError } from "../flags.js";
import { processIo, type CommandIo } from "../output/command-io.js";
import { TabWriter, tableLayout } from "../output/tab-writer.js";

export const tokenUsage = `usage: skiff token create|list|delete [flags]

Manages join tokens: an agent joins the cluster with one
(skiff agent --server URL --token TOKEN). A token pins the server's CA,
so the agent cannot be fooled into sending it to another server.

  create     make a token and print it (the only time it is shown)
  list       list the tokens: ID, DESCRIPTION, EXPIRES (never their secrets)
  delete ID  revoke a token; nodes that joined with it keep their credentials

create flags:
  --ttl DURATION          how long the token is valid (e.g. 30m, 24h; 0: forever; default 24h)
  --description TEXT      what the token is for

common flags:
  --kubeconfig PATH, --context NAME
`;

const connectFlags = { kubeconfig: { type: "string" }, context: { type: "string" } } as const;
const connectSchema = { kubeconfig: z.string().optional(), context: z.string().optional() };

const createSchema = z.object({
  ...connectSchema,
  ttl: z
    .string()
    .default("24h")
    .transform((text, ctx) => {
      const ms = parseGoDuration(text);
      if (ms === undefined || (ms > 0 && ms < 1000)) {
        ctx.addIssue({ code: "custom", message: "must be a duration of 1s or more (e.g. 30m, 24h), or 0 for a token that never expires" });
        return z.NEVER;
      }
      return Math.round(ms / 1000);
    }),
  description: z.string().max(256).optional(),
});

async function runCreate(argv: string[], io: CommandIo): Promise<number> {
  const { flags } = parseFlags(argv, { ...connectFlags, ttl: { type: "string" }, description: { type: "string" } }, createSchema);
  const { client } = await connect(flags);
  try {
    const body = { ttlSeconds: flags.ttl, ...(flags.description ? { description: flags.description } : {}) };
    const answer = await client.request<unknown>({ method: "POST", path: joinTokensPath, body: JSON.stringify(body), contentType: "application/json" });
    io.stdout.write(`${createdJoinTokenSchema.parse(answer).token}\n`);
    return 0;
  } finally {
    client.close();
  }
}

/** EXPIRES as `skiff token list` shows it: the time, `<never>`, or the time marked expired. */
export function expiresCell(token: JoinTokenInfo, now: number): string {
  if (token.expiresAt === null) return "<never>";
  return Date.parse(token.expiresAt) <= now ? `${token.expiresAt} (expired)` : token.expiresAt;
}

async function runList(argv: string[], io: CommandIo): Promise<number> {
  const { flags } = parseFlags(argv, connectFlags, z.object(connectSchema));
  const { client } = await connect(flags);
  try {
    const { items } = joinTokenListSchema.parse(await client.request<unknown>({ method: "GET", path: joinTokensPath }));
    if (items.length === 0) {
      io.stderr.write("No join tokens found.\n");
      return 0;
    }
    const now = Date.now();
    const table = new TabWriter(tableLayout);
    table.write("ID\tDESCRIPTION\tEXPIRES\n");
    for (const token of items) table.write(`${token.id}\t${token.description || "<none>"}\t${expiresCell(token, now)}\n`);
    io.stdout.write(table.flush());
    return 0;
  } finally {
    client.close();
  }
}

async function runDelete(argv: string[], io: CommandIo): Promise<number> {
  const { flags, positionals } = parseFlags(argv, connectFlags, z.object(connectSchema), true);
  if (positionals.length === 0) throw new UsageError("name the tokens to delete: skiff token delete ID...");
  const bad = positionals.find((id) => !isJoinTokenId(id));
  if (bad !== undefined) throw new UsageError(`"${bad}" is not a token id (6 characters of [a-z0-9], as skiff token list shows)`);
  const { client } = await connect(flags);
  try {
    for (const id of positionals) {
      await client.request({ method: "DELETE", path: `${joinTokensPath}/${id}` });
      io.stdout.write(`join token "${id}" deleted\n`);
    }
    return 0;
  } finally {
    client.close();
  }
}

const subcommands = new Map<string, (argv: string[], io: CommandIo) => Promise<number>>([
  ["create", runCreate],
  ["list", runList],
  ["delete", runDelete],
]);

// Flags whose value may follow as the next argument; any of them may come before the subcommand.
const flagsWithValues = new Set(["--kubeconfig", "--context", "--ttl", "--description"]);

/** `skiff token create|list|delete ...`: runs the subcommand named, flags before it included. */
export async function runToken(argv: string[], io: CommandIo = processIo): Promise<number> {
  let at = -1;
  for (let i = 0; i < argv.length; i++) {
    if (!argv[i]!.startsWith("-")) {
      at = i;
      break;
    }
    if (flagsWithValues.has(argv[i]!)) i++;
  }
  const name = argv[at];
  const run = name === undefined ? undefined : subcommands.get(name);
  if (run === undefined) throw new UsageError(name === undefined ? "name a subcommand: create, list or delete" : `unknown subcommand "${name}": create, list or delete`);
  return run([...argv.slice(0, at), ...argv.slice(at + 1)], io);
}
