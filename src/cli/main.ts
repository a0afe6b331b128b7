#!/usr/bin/env node
import { StatusError, formatStatusError } from "../errors/status.js";
import { skiffVersion } from "../version.js";
import { agentUsage, runAgent } from "./commands/agent.js";
import { applyUsage, runApply } from "./commands/apply.js";
import { deleteUsage, runDelete } from "./commands/delete.js";
import { describeUsage, runDescribe } from "./commands/describe.js";
import { execUsage, runExec } from "./commands/exec.js";
import { kubeconfigUsage, runKubeconfig } from "./commands/kubeconfig.js";
import { getUsage, runGet } from "./commands/get.js";
import { logsUsage, runLogs } from "./commands/logs.js";
import { rolloutUsage, runRollout } from "./commands/rollout.js";
import { runScale, scaleUsage } from "./commands/scale.js";
import { runServer, serverUsage } from "./commands/server.js";
import { runToken, tokenUsage } from "./commands/token.js";
import { UsageError } from "./flags.js";

const usage = `usage: skiff <command> [flags]

commands:
  server     run the skiff server (API, store)
  agent      run the skiff agent on this host (joins with a token)
  apply      create or update objects from manifest files
  get        show objects: a table, or yaml, json, names
  describe   show objects in full, with their events
  delete     delete objects and wait until they are gone
  logs       print (or follow) the log of a container in a pod
  exec       run a command in a container of a pod
  scale      set the number of replicas of a Deployment or ReplicaSet
  rollout    follow a Deployment's rollout, list its revisions, roll it back
  kubeconfig print the server's admin kubeconfig (run on the server's host)
  token      create, list and delete join tokens (for agents to join with)
  version    print skiff's version

Run 'skiff <command> --help' for a command's flags.
`;

type Command = { run(argv: string[]): Promise<number>; usage: string };

const commands: Record<string, Command> = {
  server: { run: runServer, usage: serverUsage },
  agent: { run: runAgent, usage: agentUsage },
  apply: { run: runApply, usage: applyUsage },
  get: { run: runGet, usage: getUsage },
  describe: { run: runDescribe, usage: describeUsage },
  delete: { run: runDelete, usage: deleteUsage },
  logs: { run: runLogs, usage: logsUsage },
  exec: { run: runExec, usage: execUsage },
  scale: { run: runScale, usage: scaleUsage },
  rollout: { run: runRollout, usage: rolloutUsage },
  kubeconfig: { run: runKubeconfig, usage: kubeconfigUsage },
  token: { run: runToken, usage: tokenUsage },
  version: {
    usage: "usage: skiff version\n",
    run: async () => {
      process.stdout.write(`skiff ${skiffVersion} (node ${process.version}, ${process.platform}/${process.arch})\n`);
      return 0;
    },
  },
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    process.stdout.write(usage);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`skiff: unknown command "${name}"\n${usage}`);
    return 2;
  }
  // What follows "--" is not skiff's (exec's command may take -h).
  const dashes = rest.indexOf("--");
  const own = dashes < 0 ? rest : rest.slice(0, dashes);
  if (own.includes("--help") || own.includes("-h")) {
    process.stdout.write(command.usage);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`skiff ${name}: ${error.message}\n${command.usage}`);
      return 2;
    }
    if (error instanceof StatusError) {
      process.stderr.write(`${formatStatusError(error)}\n`);
      return 1;
    }
    // Typed failures (a store path, a PKI file) carry their own context in the message.
    process.stderr.write(`skiff ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
