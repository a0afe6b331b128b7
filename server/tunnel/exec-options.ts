import { badRequest } from "../../src/errors/status.js";
import { queryBool } from "./query-values.js";

/** Kubernetes' PodExecOptions, read from the query of `pods/{name}/exec`. */
export interface PodExecOptions {
  /** "" when the request names none. */
  container: string;
  command: string[];
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

/** Reads the exec options; a request that could run nothing is a 400. */
export function parsePodExecOptions(query: URLSearchParams): PodExecOptions {
  const tty = queryBool(query, "tty");
  const options: PodExecOptions = {
    container: query.get("container") ?? "",
    command: query.getAll("command"),
    stdin: queryBool(query, "stdin"),
    stdout: queryBool(query, "stdout"),
    // A terminal merges stderr into stdout; the kubelet drops the stream.
    stderr: queryBool(query, "stderr") && !tty,
    tty,
  };
  if (options.command.length === 0) throw badRequest("you must specify at least one command for the container");
  if (!options.stdin && !options.stdout && !options.stderr) throw badRequest("you must specify at least 1 of stdin, stdout, stderr");
  return options;
}
