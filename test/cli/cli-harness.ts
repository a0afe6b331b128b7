import type { CommandIo } from "../../src/cli/output/command-io.js";

/** What a command printed and returned. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Streams that collect what a command writes, readable while it still runs (`get -w`). */
export class CapturedIo implements CommandIo {
  private out: string[] = [];
  private err: string[] = [];
  readonly stdout = { write: (text: string): void => void this.out.push(text) };
  readonly stderr = { write: (text: string): void => void this.err.push(text) };

  constructor(readonly interrupt?: AbortSignal) {}

  get stdoutText(): string {
    return this.out.join("");
  }

  get stderrText(): string {
    return this.err.join("");
  }
}

export type CommandFunction = (argv: string[], io: CommandIo) => Promise<number>;

/**
 * Runs a client command in this process against the cluster of `kubeconfig`,
 * as `skiff <command> --kubeconfig <kubeconfig> ...args` would.
 */
export async function runCommand(command: CommandFunction, kubeconfig: string, args: string[]): Promise<CliResult> {
  const io = new CapturedIo();
  const code = await command(["--kubeconfig", kubeconfig, ...args], io);
  return { code, stdout: io.stdoutText, stderr: io.stderrText };
}

/**
 * Ages (`0s`, `12s`, `3m4s`, `5s (x3 over 2m)`) replaced by `#` of the same width:
 * two runs a moment apart may see an object a second older, and the layout,
 * not the clock, is what is compared.
 */
export function withoutAges(text: string): string {
  return text.replace(/(?<=\s)\d+[smhdy](\d+[smhd])?(?=[\s)]|$)/g, (age) => "#".repeat(age.length));
}
