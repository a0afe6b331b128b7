import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import { formatLoadError, formatLocation } from "../../yaml/load-error.js";
import { loadManifestFiles } from "../../yaml/load-manifest-files.js";
import type { LoadedManifest } from "../../yaml/load-manifests.js";
import { StatusError, formatStatusError } from "../../errors/status.js";
import { isNotFound } from "../../client/rest/rest-client.js";
import type { ApiObject } from "../../client/rest/rest-client.js";
import { connect, connectOptions, type Connection } from "../connect.js";
import { processIo, type CommandIo } from "../output/command-io.js";
import { formatName } from "../output/object-format.js";
import { parseFlags, UsageError } from "../flags.js";

export const applyUsage = `usage: skiff apply -f FILE|DIR|- [-f ...] [-R] [-n NAMESPACE]

Creates the objects in the files, or brings existing ones to what the files
say, by server-side apply as the field manager "skiff-apply": a field left
out of a file that skiff apply set before is removed from the object, fields
others set (defaults, controllers, the server) stay, and a field another
manager set that the file names is taken over (kubectl apply --server-side
--force-conflicts).

flags:
  -f, --filename PATH     a file, a directory of .yaml/.yml/.json files, or - for stdin (repeatable)
  -R, --recursive         read directories recursively
  -n, --namespace NS      namespace for objects that name none (default: the context's)
  --kubeconfig PATH, --context NAME
`;

const flagsSchema = z.object({
  filename: z.array(z.string().min(1)).min(1, "at least one -f is required"),
  recursive: z.boolean().default(false),
  namespace: z.string().optional(),
  kubeconfig: z.string().optional(),
  context: z.string().optional(),
});

type Outcome = "created" | "configured" | "unchanged";

function whereAndWhy(manifest: LoadedManifest, error: StatusError): string[] {
  const causes = error.status.details?.causes ?? [];
  const at = (field: string): string =>
    formatLocation({
      source: manifest.source,
      documentIndex: manifest.documentIndex,
      documentCount: manifest.documentCount,
      position: manifest.locate(field),
    });
  if (error.status.reason === "Invalid" && causes.length > 0) {
    return causes.map((c) => `${at(c.field ?? "")}: ${c.field ? `${c.field}: ` : ""}${c.message ?? c.reason ?? ""}`);
  }
  return [`${at("")}: ${formatStatusError(error)}`];
}

async function applyOne(conn: Connection, manifest: LoadedManifest, defaultNamespace: string): Promise<Outcome> {
  const object = manifest.object as ApiObject;
  if (typeof object.apiVersion !== "string" || typeof object.kind !== "string") {
    throw new UsageError(`${manifest.source}:${manifest.line}: apiVersion and kind are required`);
  }
  const resource = await conn.discovery.forKind(object.apiVersion, object.kind);
  const name = object.metadata?.name;
  if (!name) throw new UsageError(`${manifest.source}:${manifest.line}: metadata.name is required`);
  const namespace = resource.namespaced ? object.metadata?.namespace || defaultNamespace : undefined;
  let before: ApiObject | undefined;
  try {
    before = await conn.client.get(resource, namespace, name);
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  const written = await conn.client.patch<ApiObject>(resource, namespace, name, "apply", object, {
    fieldManager: "skiff-apply",
    fieldValidation: "Strict",
    force: true,
  });
  if (before === undefined) return "created";
  return isDeepStrictEqual(desiredPart(written), desiredPart(before)) ? "unchanged" : "configured";
}

/** An object without what its controllers and the server change by themselves, which an apply does not. */
function desiredPart(object: ApiObject): unknown {
  const { status: _status, metadata, ...rest } = object as ApiObject & { status?: unknown };
  const { resourceVersion: _version, managedFields: _fields, ...identity } = metadata ?? {};
  return { ...rest, metadata: identity };
}

/** `skiff apply`: every object of every file; a failure is reported with its file and line and the rest go on. */
export async function runApply(argv: string[], io: CommandIo = processIo): Promise<number> {
  const { flags } = parseFlags(
    argv,
    {
      ...connectOptions,
      filename: { type: "string", short: "f", multiple: true },
      recursive: { type: "boolean", short: "R" },
    },
    flagsSchema,
  );
  const loaded = await loadManifestFiles(flags.filename, { recursive: flags.recursive });
  for (const error of loaded.errors) io.stderr.write(`error: ${formatLoadError(error)}\n`);
  if (loaded.errors.length > 0) return 1;

  const conn = await connect(flags);
  const namespace = flags.namespace ?? conn.namespace;
  let failed = 0;
  try {
    for (const manifest of loaded.manifests) {
      try {
        const outcome = await applyOne(conn, manifest, namespace);
        const object = manifest.object as ApiObject;
        const resource = await conn.discovery.forKind(String(object.apiVersion), String(object.kind));
        io.stdout.write(`${formatName(resource, String(object.metadata?.name))} ${outcome}\n`);
      } catch (error) {
        failed++;
        if (error instanceof StatusError) for (const line of whereAndWhy(manifest, error)) io.stderr.write(`error: ${line}\n`);
        else io.stderr.write(`error: ${manifest.source}:${manifest.line}: ${(error as Error).message}\n`);
      }
    }
  } finally {
    conn.client.close();
  }
  return failed === 0 ? 0 : 1;
}
