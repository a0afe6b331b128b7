import { Readable } from "node:stream";
import { finished } from "node:stream/promises";
import type { ContainerRuntime, ExecOptions, ExecSession } from "../../runtime/container-runtime.js";

/**
 * How a scripted command ends: an exit with output, never ("hang"), the
 * engine never even creating the exec ("stall"), or the engine refusing it.
 */
export type ExecReply = { exitCode: number; stdout?: string; stderr?: string } | "hang" | "stall" | Error;

/**
 * The `exec` part of a runtime for unit tests: every command is answered by
 * `reply`, and every call and closed session is kept for assertions.
 */
export class ScriptedExec implements Pick<ContainerRuntime, "exec"> {
  readonly calls: Array<{ containerId: string; command: string[] }> = [];
  closedSessions = 0;

  constructor(public reply: (containerId: string, command: string[]) => ExecReply) {}

  async exec(containerId: string, options: ExecOptions): Promise<ExecSession> {
    this.calls.push({ containerId, command: options.command });
    const reply = this.reply(containerId, options.command);
    if (reply instanceof Error) throw reply;
    if (reply === "stall") return new Promise<ExecSession>(() => {});
    const close = (): void => {
      this.closedSessions++;
    };
    const resize = async (): Promise<void> => {};
    if (reply === "hang") return { exitCode: new Promise<number>(() => {}), close, resize };
    const stdout = Readable.from(reply.stdout ? [Buffer.from(reply.stdout)] : []);
    const stderr = Readable.from(reply.stderr ? [Buffer.from(reply.stderr)] : []);
    // As the contract says: the exit code comes once the output was read.
    const exitCode = Promise.all([finished(stdout), finished(stderr)]).then(() => reply.exitCode);
    return { stdout, stderr, exitCode, close, resize };
  }
}
