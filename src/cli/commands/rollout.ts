import { UsageError } from "../flags.js";
import { processIo, type CommandIo } from "../output/command-io.js";
import { runRolloutHistory } from "./rollout-history.js";
import { runRolloutStatus } from "./rollout-status.js";
import { runRolloutUndo } from "./rollout-undo.js";

export const rolloutUsage = `usage: skiff rollout status|history|undo (TYPE NAME | TYPE/NAME) [flags]

Follows and manages the rollout of Deployments, as kubectl rollout does.

  status    print the rollout's progress until it is done (exit 0) or fails (exit 1)
  history   list the revisions with their change cause, or show one revision's pod template
  undo      roll back to the previous revision's pod template

status flags:
  -w, --watch=true|false  follow the rollout until it is done (default true); false: print once
  --revision N            fail unless the Deployment is at revision N (default 0: any)
  --timeout DURATION      give up after this long (e.g. 30s, 5m; default 0: never)

history flags:
  --revision N            show revision N's pod template

undo flags:
  --to-revision N         the revision to go back to (default 0: the previous one)

common flags:
  -n, --namespace NS      the namespace (default: the context's)
  --kubeconfig PATH, --context NAME
`;

const subcommands = new Map<string, (argv: string[], io: CommandIo) => Promise<number>>([
  ["status", runRolloutStatus],
  ["history", runRolloutHistory],
  ["undo", runRolloutUndo],
]);

// Flags whose value may follow as the next argument; any of them may come before the subcommand.
const flagsWithValues = new Set(["--kubeconfig", "--context", "-n", "--namespace", "--revision", "--to-revision", "--timeout"]);

/** Where the subcommand is: the first argument that is neither a flag nor a flag's value. */
function subcommandIndex(argv: readonly string[]): number {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("-")) return i;
    if (flagsWithValues.has(arg)) i++;
  }
  return -1;
}

/** `skiff rollout status|history|undo ...`: runs the subcommand named, flags before it included. */
export async function runRollout(argv: string[], io: CommandIo = processIo): Promise<number> {
  const at = subcommandIndex(argv);
  const name = argv[at];
  const run = name === undefined ? undefined : subcommands.get(name);
  if (run === undefined) throw new UsageError(name === undefined ? "name a subcommand: status, history or undo" : `unknown subcommand "${name}": status, history or undo`);
  return run([...argv.slice(0, at), ...argv.slice(at + 1)], io);
}
