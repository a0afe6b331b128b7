import { PassThrough, Writable } from "node:stream";
import type { ExecSession } from "../container-runtime.js";
import type { FakeExecResult } from "./fake-process.js";

/** An ExecSession that has already run: its output is the scripted result. */
export function finishedSession(result: FakeExecResult, wants: { stdin: boolean; stdout: boolean; stderr: boolean; tty: boolean }): ExecSession {
  const stdout = wants.stdout ? new PassThrough() : undefined;
  const stderr = wants.stderr && !wants.tty ? new PassThrough() : undefined;
  // With a TTY both streams are the terminal.
  stdout?.end(wants.tty ? `${result.stdout ?? ""}${result.stderr ?? ""}` : (result.stdout ?? ""));
  stderr?.end(result.stderr ?? "");
  const stdin = wants.stdin ? new Writable({ write: (_chunk, _encoding, done) => done() }) : undefined;
  const session: ExecSession = {
    resize: async () => {},
    exitCode: Promise.resolve(result.exitCode),
    close: () => {},
  };
  if (stdin) session.stdin = stdin;
  if (stdout) session.stdout = stdout;
  if (stderr) session.stderr = stderr;
  return session;
}
