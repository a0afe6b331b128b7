#!/usr/bin/env node
import { StatusError, formatStatusError } from "../errors/status.js";
import { skiffVersion } from "../version.js";
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

/**
 * Each command's module is loaded only when it runs: the agent never loads
 * the server (its store, apiserver, controllers), the server never loads
 * the agent's Docker runtime, and a client command neither.
 */
const commands: Record<string, () => Promise<Command>> = {
  server: async () => {
    const { runServer, serverUsage } = await import("./commands/server.js");
    return { run: runServer, usage: serverUsage };
  },
  agent: async () => {
    // Before the agent's modules load dockerode.
    const { skipUnusedDockerModules } = await import("../../agent/runtime/docker/unused-docker-modules.js");
    skipUnusedDockerModules();
    const { runAgent, agentUsage } = await import("./commands/agent.js");
    return { run: runAgent, usage: agentUsage };
  },
  apply: async () => {
    const { runApply, applyUsage } = await import("./commands/apply.js");
    return { run: runApply, usage: applyUsage };
  },
  get: async () => {
    const { runGet, getUsage } = await import("./commands/get.js");
    return { run: runGet, usage: getUsage };
  },
  describe: async () => {
    const { runDescribe, describeUsage } = await import("./commands/describe.js");
    return { run: runDescribe, usage: describeUsage };
  },
  delete: async () => {
    const { runDelete, deleteUsage } = await import("./commands/delete.js");
    return { run: runDelete, usage: deleteUsage };
  },
  logs: async () => {
    const { runLogs, logsUsage } = await import("./commands/logs.js");
    return { run: runLogs, usage: logsUsage };
  },
  exec: async () => {
    const { runExec, execUsage } = await import("./commands/exec.js");
    return { run: runExec, usage: execUsage };
  },
  scale: async () => {
    const { runScale, scaleUsage } = await import("./commands/scale.js");
    return { run: runScale, usage: scaleUsage };
  },
  rollout: async () => {
    const { runRollout, rolloutUsage } = await import("./commands/rollout.js");
    return { run: runRollout, usage: rolloutUsage };
  },
  kubeconfig: async () => {
    const { runKubeconfig, kubeconfigUsage } = await import("./commands/kubeconfig.js");
    return { run: runKubeconfig, usage: kubeconfigUsage };
  },
  token: async () => {
    const { runToken, tokenUsage } = await import("./commands/token.js");
    return { run: runToken, usage: tokenUsage };
  },
  version: async () => ({
    usage: "usage: skiff version\n",
    run: async () => {
      process.stdout.write(`skiff ${skiffVersion} (node ${process.version}, ${process.platform}/${process.arch})\n`);
      return 0;
    },
  }),
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    process.stdout.write(usage);
    return 0;
  }
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) {
    process.stderr.write(`skiff: unknown command "${name}"\n${usage}`);
    return 2;
  }
  const command = await load();
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
