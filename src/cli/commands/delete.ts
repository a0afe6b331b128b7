import { z } from "zod";
import type { DiscoveredResource } from "../../client/discovery.js";
import { isNotFound, type ApiObject } from "../../client/rest/rest-client.js";
import { StatusError, formatStatusError } from "../../errors/status.js";
import { formatLoadError } from "../../yaml/load-error.js";
import { loadManifestFiles } from "../../yaml/load-manifest-files.js";
import { booleanFlagArgs, parseGoDuration } from "../args/go-flags.js";
import { parseResourceArgs, resolveTargets } from "../args/resource-args.js";
import { connect, connectOptions, type Connection, connectFlagsShape } from "../connect.js";
import { parseFlags, UsageError } from "../flags.js";
import { processIo, type CommandIo } from "../output/command-io.js";
import { listObjects } from "../output/list-objects.js";
import { qualifiedKind } from "../output/object-format.js";
import { DeletionTimeoutError, waitForDeletion } from "../wait/wait-for-deletion.js";

export const deleteUsage = `usage: skiff delete TYPE NAME... | TYPE/NAME... | TYPE -l SELECTOR | TYPE --all | -f FILE [flags]

Deletes objects, then waits until they are gone (as kubectl does; --wait=false
to return at once).

flags:
  -f, --filename PATH     the objects of a file, a directory or - for stdin (repeatable)
  -R, --recursive         read directories recursively
  -l, --selector SELECTOR every object of TYPE with these labels
  --all                   every object of TYPE in the namespace
  -A, --all-namespaces    with -l or --all: in every namespace
  --ignore-not-found      an object that does not exist is not an error
  --wait=true|false       wait until the objects are gone (default true)
  --timeout DURATION      give up waiting after this long (e.g. 30s, 2m; default 0: no limit)
  --grace-period SECONDS  how long the object may take to stop (default: its own)
  -n, --namespace NS      the namespace (default: the context's)
  --kubeconfig PATH, --context NAME
`;

const flagsSchema = z.object({
  filename: z.array(z.string().min(1)).default([]),
  recursive: z.boolean().default(false),
  selector: z.string().min(1).optional(),
  all: z.boolean().default(false),
  "all-namespaces": z.boolean().default(false),
  "ignore-not-found": z.boolean().default(false),
  wait: z.boolean().default(true),
  "no-wait": z.boolean().default(false),
  timeout: z
    .string()
    .default("0s")
    .transform((text, ctx) => {
      const ms = parseGoDuration(text);
      if (ms === undefined) ctx.addIssue({ code: "custom", message: `invalid duration "${text}" (e.g. 30s, 2m, 1h)` });
      return ms ?? 0;
    }),
  "grace-period": z.coerce.number().int().min(-1).default(-1),
  ...connectFlagsShape,
});

type DeleteFlags = z.output<typeof flagsSchema>;

/** One object to delete; `source` is the manifest file it came from, for messages. */
interface Doomed {
  resource: DiscoveredResource;
  namespace: string | undefined;
  name: string;
  source?: string;
}

/** `skiff delete`: exit 1 when any object could not be deleted or did not go in time. */
export async function runDelete(argv: string[], io: CommandIo = processIo): Promise<number> {
  const { flags, positionals } = parseFlags(
    booleanFlagArgs(argv, ["wait"]),
    {
      ...connectOptions,
      filename: { type: "string", short: "f", multiple: true },
      recursive: { type: "boolean", short: "R" },
      selector: { type: "string", short: "l" },
      all: { type: "boolean" },
      "all-namespaces": { type: "boolean", short: "A" },
      "ignore-not-found": { type: "boolean" },
      wait: { type: "boolean" },
      "no-wait": { type: "boolean" },
      timeout: { type: "string" },
      "grace-period": { type: "string" },
    },
    flagsSchema,
    true,
  );
  checkArguments(flags, positionals);
  const conn = await connect(flags);
  try {
    const namespace = flags.namespace ?? conn.namespace;
    const chosen = flags.filename.length > 0 ? await fromFiles(conn, flags, namespace, io) : await fromArguments(conn, flags, positionals, namespace);
    if (chosen === undefined) return 1;
    if (chosen.length === 0) {
      io.stdout.write("No resources found\n");
      return 0;
    }
    let failed = false;
    const gone: Array<Doomed & { uid: string | undefined }> = [];
    for (const doomed of chosen) {
      try {
        const answer = await conn.client.delete<ApiObject>(doomed.resource, doomed.namespace, doomed.name, {
          propagationPolicy: "Background",
          ...(flags["grace-period"] >= 0 ? { gracePeriodSeconds: flags["grace-period"] } : {}),
        });
        io.stdout.write(`${qualifiedKind(doomed.resource)} "${doomed.name}" deleted\n`);
        gone.push({ ...doomed, uid: deletedUid(answer) });
      } catch (error) {
        if (!(error instanceof StatusError)) throw error;
        if (flags["ignore-not-found"] && isNotFound(error)) continue;
        failed = true;
        io.stderr.write(`${deleteErrorLine(error, doomed.source)}\n`);
      }
    }
    if (flags["no-wait"]) return failed ? 1 : 0;
    const deadline = flags.timeout > 0 ? AbortSignal.timeout(flags.timeout) : undefined;
    const waits = await Promise.allSettled(gone.map((d) => waitForDeletion(conn.client, d.resource, d.namespace, d.name, d.uid, deadline)));
    for (const result of waits) {
      if (result.status === "fulfilled") continue;
      failed = true;
      const error: unknown = result.reason;
      if (error instanceof DeletionTimeoutError) io.stderr.write(`error: ${error.message}\n`);
      else if (error instanceof StatusError) io.stderr.write(`${formatStatusError(error)}\n`);
      else throw error;
    }
    return failed ? 1 : 0;
  } finally {
    conn.client.close();
  }
}

function checkArguments(flags: DeleteFlags, positionals: string[]): void {
  const byFile = flags.filename.length > 0;
  if (byFile && positionals.length > 0) throw new UsageError("cannot specify both a filename (-f) and resource arguments");
  if (!byFile && positionals.length === 0) throw new UsageError("you must provide one or more resources by argument or filename (-f)");
  if (flags.all && flags.selector) throw new UsageError("cannot set --all and --selector at the same time");
  if (flags["all-namespaces"] && !flags.all && !flags.selector) throw new UsageError("--all-namespaces needs --all or --selector");
}

/** The objects named by TYPE NAME..., TYPE/NAME..., or TYPE with -l or --all. */
async function fromArguments(conn: Connection, flags: DeleteFlags, positionals: string[], namespace: string): Promise<Doomed[]> {
  const typed = parseResourceArgs(positionals);
  const named = typed.some((t) => t.names.length > 0);
  const bySelection = flags.all || flags.selector !== undefined;
  if (named && bySelection) throw new UsageError("name cannot be provided when a selector or --all is specified");
  if (!named && !bySelection) throw new UsageError("resource(s) were provided, but no name was specified (use -l SELECTOR or --all for many)");
  const doomed: Doomed[] = [];
  for (const { resource, names } of await resolveTargets(conn.discovery, typed)) {
    const ns = resource.namespaced ? namespace : undefined;
    if (named) {
      for (const name of names) doomed.push({ resource, namespace: ns, name });
      continue;
    }
    const scope = flags["all-namespaces"] ? undefined : ns;
    const { items } = await listObjects(conn.client, resource, scope, flags.selector ? { labelSelector: flags.selector } : {});
    for (const item of items) doomed.push({ resource, namespace: item.metadata?.namespace || ns, name: item.metadata?.name ?? "" });
  }
  return doomed;
}

/** The objects of manifest files, in file order; undefined when a file could not be read. */
async function fromFiles(conn: Connection, flags: DeleteFlags, namespace: string, io: CommandIo): Promise<Doomed[] | undefined> {
  const loaded = await loadManifestFiles(flags.filename, { recursive: flags.recursive });
  for (const error of loaded.errors) io.stderr.write(`error: ${formatLoadError(error)}\n`);
  if (loaded.errors.length > 0) return undefined;
  const doomed: Doomed[] = [];
  for (const manifest of loaded.manifests) {
    const { apiVersion, kind, metadata } = manifest.object as ApiObject;
    const name = metadata?.name;
    if (typeof apiVersion !== "string" || typeof kind !== "string" || typeof name !== "string" || name === "") {
      throw new UsageError(`${manifest.source}:${manifest.line}: apiVersion, kind and metadata.name are required`);
    }
    const resource = await conn.discovery.forKind(apiVersion, kind);
    const ns = resource.namespaced ? metadata?.namespace || namespace : undefined;
    doomed.push({ resource, namespace: ns, name, source: manifest.source });
  }
  return doomed;
}

/** The uid of what was deleted: from the Status's details, or the object (still there while finalizers run). */
function deletedUid(answer: ApiObject | undefined): string | undefined {
  const details = answer?.details;
  if (answer?.kind === "Status" && typeof details === "object" && details !== null && "uid" in details) {
    return typeof details.uid === "string" ? details.uid : undefined;
  }
  const uid = answer?.metadata?.uid;
  return typeof uid === "string" ? uid : undefined;
}

/** kubectl's line, naming the file an object came from: `Error from server (NotFound): error when deleting "app.yaml": ...`. */
function deleteErrorLine(error: StatusError, source: string | undefined): string {
  if (source === undefined) return formatStatusError(error);
  const line = formatStatusError(error);
  const head = `Error from server (${error.status.reason ?? error.status.code}): `;
  return line.startsWith(head) ? `${head}error when deleting "${source}": ${line.slice(head.length)}` : line;
}
