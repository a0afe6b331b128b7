import type { Discovery } from "../discovery.js";

/** A `TYPE/NAME` argument whose type is not pods. */
export class NotAPodError extends Error {
  constructor(readonly typed: string) {
    super(`"${typed}" is not a pod: logs and exec take POD or pod/NAME`);
    this.name = "NotAPodError";
  }
}

/**
 * The pod name in a logs or exec argument: `NAME`, or `TYPE/NAME` where
 * TYPE names pods in any of kubectl's spellings (`pod`, `pods`, `po`).
 *
 * @throws NotAPodError for another type; UnknownResourceError for a type the server does not serve.
 */
export async function podNameOf(discovery: Pick<Discovery, "forName">, arg: string): Promise<string> {
  const slash = arg.indexOf("/");
  if (slash < 0) return arg;
  const resource = await discovery.forName(arg.slice(0, slash));
  const name = arg.slice(slash + 1);
  if (resource.group !== "" || resource.resource !== "pods" || name === "" || name.includes("/")) throw new NotAPodError(arg);
  return name;
}
