import { z } from "zod";
import { createLogger } from "../../log.js";
import { parseFlags, UsageError } from "../flags.js";
import { parseGoDuration } from "../go-duration.js";

export const serverUsage = `usage: skiff server [flags]

Runs the skiff server: the Kubernetes API over HTTPS, backed by SQLite
(default) or etcd.

flags:
  --data-dir DIR          CA, keys, admin kubeconfig and the SQLite file (default /var/lib/skiff)
  --store sqlite|etcd     the store engine (default sqlite)
  --etcd-endpoints URLS   comma-separated etcd client URLs (with --store etcd)
  --bind ADDRESS          address to listen on (default 0.0.0.0)
  --port PORT             HTTPS port (default 6443)
  --tls-san NAME          an extra name or IP for the serving certificate (repeatable)
  --token-auth-file FILE  static users, one per line: token,user,uid[,"group1,group2"]
  --audit-log FILE        the audit log of every write, JSON lines, mode 0600
                          (default DATA_DIR/audit.log; "" turns it off)
  --service-account-issuer URL
                          the iss of ServiceAccount tokens, and the audience the server
                          accepts (default https://kubernetes.default.svc.cluster.local)
  --cluster-cidr CIDR     the pods' network, one /24 of it per node (default 10.42.0.0/16)
  --node-monitor-grace-period DURATION
                          how long a node may go without renewing its Lease before it is
                          Unknown and tainted unreachable (default 40s)
  --default-not-ready-toleration-seconds N
  --default-unreachable-toleration-seconds N
                          how long new pods tolerate a not-ready / unreachable node
                          before they are evicted (default 300)
  --controllers LIST      the controllers to run, as kube-controller-manager's: '*' every one,
                          'name' one on, '-name' one off (default '*'; e.g. '*,-endpointslice')
  --leader-elect BOOL     run the controllers only while this server holds the Lease
                          kube-system/skiff-controller-manager (default true with etcd, false with sqlite)
  --log-level LEVEL       trace|debug|info|warn|error (default info)
`;

const flagsSchema = z
  .object({
    "data-dir": z.string().min(1).default("/var/lib/skiff"),
    store: z.enum(["sqlite", "etcd"]).default("sqlite"),
    "etcd-endpoints": z.string().optional(),
    bind: z.string().min(1).default("0.0.0.0"),
    port: z.coerce.number().int().min(0).max(65535).default(6443),
    "tls-san": z.array(z.string().min(1)).default([]),
    "token-auth-file": z.string().min(1).optional(),
    "audit-log": z.string().optional(),
    "service-account-issuer": z.url().optional(),
    "cluster-cidr": z.string().min(1).optional(),
    "node-monitor-grace-period": z
      .string()
      .transform((text, ctx) => {
        const ms = parseGoDuration(text);
        if (ms === undefined || ms <= 0) {
          ctx.addIssue({ code: "custom", message: `must be a positive duration such as 40s or 1m (got "${text}")` });
          return z.NEVER;
        }
        return ms;
      })
      .optional(),
    "default-not-ready-toleration-seconds": z.coerce.number().int().min(0).optional(),
    "default-unreachable-toleration-seconds": z.coerce.number().int().min(0).optional(),
    controllers: z
      .string()
      .transform((list) => list.split(",").map((entry) => entry.trim()).filter((entry) => entry !== ""))
      .pipe(z.array(z.string().regex(/^(\*|-?[a-z0-9]([a-z0-9-]*[a-z0-9])?)$/, { error: "entries are '*', a controller's name or -name" })))
      .optional(),
    "leader-elect": z.enum(["true", "false"]).transform((value) => value === "true").optional(),
    "log-level": z.enum(["trace", "debug", "info", "warn", "error", "silent"]).default("info"),
  })
  .refine((f) => f.store !== "etcd" || (f["etcd-endpoints"] ?? "") !== "", {
    message: "--store etcd needs --etcd-endpoints",
    path: ["etcd-endpoints"],
  });

/** `skiff server`: runs until SIGINT/SIGTERM, then closes the store cleanly. */
export async function runServer(argv: string[]): Promise<number> {
  const { flags } = parseFlags(
    argv,
    {
      "data-dir": { type: "string" },
      store: { type: "string" },
      "etcd-endpoints": { type: "string" },
      bind: { type: "string" },
      port: { type: "string" },
      "tls-san": { type: "string", multiple: true },
      "token-auth-file": { type: "string" },
      "audit-log": { type: "string" },
      "service-account-issuer": { type: "string" },
      "cluster-cidr": { type: "string" },
      "node-monitor-grace-period": { type: "string" },
      "default-not-ready-toleration-seconds": { type: "string" },
      "default-unreachable-toleration-seconds": { type: "string" },
      controllers: { type: "string" },
      "leader-elect": { type: "string" },
      "log-level": { type: "string" },
    },
    flagsSchema,
  );
  const log = createLogger(flags["log-level"]);
  const store =
    flags.store === "etcd"
      ? { engine: "etcd" as const, endpoints: (flags["etcd-endpoints"] ?? "").split(",").map((e) => e.trim()).filter(Boolean) }
      : { engine: "sqlite" as const };
  if (store.engine === "etcd" && store.endpoints.length === 0) throw new UsageError("--etcd-endpoints is empty");

  // Imported here so `skiff version` and client commands do not load the server.
  const { startServer } = await import("../../../server/server.js");
  const { UnknownControllerError } = await import("../../../server/controllers/controller-selection.js");
  const server = await startServer({
    dataDir: flags["data-dir"],
    store,
    bind: flags.bind,
    port: flags.port,
    tlsSans: flags["tls-san"],
    ...(flags["token-auth-file"] ? { tokenAuthFile: flags["token-auth-file"] } : {}),
    ...(flags["audit-log"] !== undefined ? { auditLog: flags["audit-log"] } : {}),
    ...(flags["service-account-issuer"] ? { serviceAccountIssuer: flags["service-account-issuer"] } : {}),
    ...(flags["cluster-cidr"] ? { clusterCidr: flags["cluster-cidr"] } : {}),
    ...(flags["node-monitor-grace-period"] !== undefined ? { nodeMonitorGracePeriodMs: flags["node-monitor-grace-period"] } : {}),
    ...(flags["default-not-ready-toleration-seconds"] !== undefined ? { defaultNotReadyTolerationSeconds: flags["default-not-ready-toleration-seconds"] } : {}),
    ...(flags["default-unreachable-toleration-seconds"] !== undefined
      ? { defaultUnreachableTolerationSeconds: flags["default-unreachable-toleration-seconds"] }
      : {}),
    ...(flags.controllers ? { controllers: flags.controllers } : {}),
    ...(flags["leader-elect"] !== undefined ? { leaderElection: { enabled: flags["leader-elect"] } } : {}),
    log,
  }).catch((error: unknown) => {
    // A name no controller has is a mistake in the flags: said as a usage error, before the server listens.
    throw error instanceof UnknownControllerError ? new UsageError(error.message) : error;
  });
  process.stdout.write(`skiff server on ${server.url}; admin kubeconfig: ${server.kubeconfigPath}\n`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  log.info("shutting down");
  await server.close();
  return 0;
}
