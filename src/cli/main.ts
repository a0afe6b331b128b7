#!/usr/bin/env node
import { skiffVersion } from "../version.js";

const usage = `usage: skiff <command>

commands:
  version    print skiff's version
`;

function main(argv: string[]): number {
  const [command] = argv;
  switch (command) {
    case "version":
      process.stdout.write(`skiff ${skiffVersion} (node ${process.version}, ${process.platform}/${process.arch})\n`);
      return 0;
    case undefined:
    case "help":
    case "--help":
    case "-h":
      process.stdout.write(usage);
      return 0;
    default:
      process.stderr.write(`skiff: unknown command "${command}"\n${usage}`);
      return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
