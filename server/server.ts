import { mkdir } from "node:fs/promises";
import { createServer, type Server } from "node:https";
import { join } from "node:path";
import { realClock, type Clock } from "../src/clock.js";
import type { Logger } from "../src/log.js";
import { ensureSystemNamespaces } from "./apiserver/bootstrap.js";
import { createApiHandler } from "./apiserver/handler.js";
import { servedResources } from "./apiserver/resources/model-resources.js";
import { ResourceTable } from "./apiserver/resources/served-resource.js";
import { ObjectStore } from "./apiserver/storage/object-store.js";
import { admissionChain } from "./apiserver/admission/admission.js";
import { nodeRestriction } from "./apiserver/admission/node-restriction.js";
import { openAuditLog, type AuditLog } from "./audit/audit-log.js";
import { serviceAccountAdmission } from "./apiserver/admission/service-account.js";
import { defaultTolerationSecondsAdmission } from "./apiserver/admission/default-toleration-seconds.js";
import { firstAuthenticator } from "./auth/authenticator.js";
import { authorizerChain, mastersAuthorizer } from "./auth/authorizer.js";
import { adminUser, staticTokenAuthenticator } from "./auth/bearer-token.js";
import { createLoopbackCredential } from "./auth/loopback.js";
import { loadTokenFile } from "./auth/token-file.js";
import { serviceAccountAuthenticator } from "./auth/serviceaccount/authenticator.js";
import { defaultServiceAccountIssuer } from "./auth/serviceaccount/claims.js";
import { createTokenIssuer } from "./auth/serviceaccount/issue-token.js";
import { CachedObjectLookup } from "./auth/serviceaccount/object-lookup.js";
import { ensureServiceAccountSigningKey } from "./auth/serviceaccount/signing-key.js";
import { storeReaders } from "./auth/serviceaccount/store-reader.js";
import { defaultServiceAccountController } from "./controllers/serviceaccount/default-service-account.js";
import { rootCaPublisher } from "./controllers/serviceaccount/root-ca-publisher.js";
import { withImpersonation } from "./auth/impersonation.js";
import { rbacAuthorizer } from "./auth/rbac/rbac-authorizer.js";
import { InformerRbacPolicy } from "./auth/rbac/informer-policy.js";
import { rbacEscalationAdmission } from "./auth/rbac/escalation-admission.js";
import { reviewResources } from "./auth/reviews/review-resources.js";
import { clusterRoleAggregationController } from "./controllers/clusterrole-aggregation/clusterrole-aggregation-controller.js";
import { RbacBootstrapController } from "./controllers/rbac-bootstrap/rbac-bootstrap-controller.js";
import { nodeCredentialRevoker } from "./join/node-credential-revoker.js";
import { startJoining } from "./join/start-join.js";
import { nodeAuthorizer } from "./auth/node/node-authorizer.js";
import { PodGraph } from "./auth/node/pod-graph.js";
import { startControllers } from "./controllers/controller-manager.js";
import type { Controller } from "./controllers/controller.js";
import { allControllers, selectControllers } from "./controllers/controller-selection.js";
import { runElectedControllers, type LeaderElectionChoice } from "./controllers/elected-controllers.js";
import { endpointsController } from "./controllers/endpoints/endpoints-controller.js";
import { endpointSliceController } from "./controllers/endpointslice/endpointslice-controller.js";
import { sharedInformerFactory, type SourceFor } from "./controllers/informer-factory.js";
import { localListerWatcher } from "./controllers/local-source.js";
import { nodeIpamController } from "./controllers/node-ipam/node-ipam-controller.js";
import { daemonSetController } from "./controllers/daemonset/daemonset-controller.js";
import { jobController } from "./controllers/job/job-controller.js";
import type { PodFailureBackoff } from "./controllers/job/pod-failure-backoff.js";
import { ttlAfterFinishedController } from "./controllers/ttl-after-finished/ttl-after-finished-controller.js";
import { nodeLifecycleController } from "./controllers/node-lifecycle/node-lifecycle-controller.js";
import { taintEvictionController } from "./controllers/taint-eviction/taint-eviction-controller.js";
import { replicaSetController } from "./controllers/replicaset/replicaset-controller.js";
import { deploymentController } from "./controllers/deployment/deployment-controller.js";
import { schedulerController } from "./scheduler/scheduler.js";
import { garbageCollectorController } from "./controllers/garbage-collector/garbage-collector-controller.js";
import { namespaceController } from "./controllers/namespace/namespace-controller.js";
import { RestClient } from "../src/client/rest/rest-client.js";
import { writeAdminKubeconfig } from "./pki/admin-kubeconfig.js";
import { ensureServerPki, type ServerPki } from "./pki/server-pki.js";
import { openSqliteStore } from "./store/sqlite/sqlite-store.js";
import type { Store } from "./store/store.js";

export type StoreChoice = { engine: "sqlite" } | { engine: "etcd"; endpoints: string[] };

export interface ServerOptions {
  dataDir: string;
  store: StoreChoice;
  bind: string;
  port: number;
  tlsSans: string[];
  /** Static users, as Kubernetes' --token-auth-file (CSV: token,user,uid[,"groups"]). */
  tokenAuthFile?: string;
  /**
   * Time to receive a whole request, headers and body (default 60 s, as
   * Kubernetes' request timeout); a stalled client then gets 408 and is
   * disconnected. Answers that stream (watches, logs) and WebSockets are
   * not limited by it.
   */
  requestTimeoutMs?: number;
  /** The audit log of every write (JSON lines, 0600): default DATA_DIR/audit.log; "" for none. */
  auditLog?: string;
  /** The `iss` of ServiceAccount tokens and the audience the server accepts (Kubernetes' --service-account-issuer). */
  serviceAccountIssuer?: string;
  /** The pod network of the cluster, one /24 of it per Node (Kubernetes' --cluster-cidr; default 10.42.0.0/16). */
  clusterCidr?: string;
  /** How long a node may stay silent (no Lease renewal, no status) before it is Unknown and tainted unreachable (Kubernetes' --node-monitor-grace-period; default 40 s). */
  nodeMonitorGracePeriodMs?: number;
  /** The tolerationSeconds new pods get for the not-ready / unreachable NoExecute taints (Kubernetes' --default-not-ready-toleration-seconds, --default-unreachable-toleration-seconds; default 300). */
  defaultNotReadyTolerationSeconds?: number;
  defaultUnreachableTolerationSeconds?: number;
  /** kube-controller-manager's --controllers: `*` every controller, `name` one on, `-name` one off (default `*`). */
  controllers?: readonly string[];
  /** Whether the controllers run only while this server holds the controller-manager Lease (default: on with etcd, off with SQLite). */
  leaderElection?: Partial<LeaderElectionChoice>;
  /** The Job controller's wait before a failed Job's next pod (default 10 s doubling to 6 min; tests shorten it). */
  jobPodFailureBackoff?: PodFailureBackoff;
  log: Logger;
  clock?: Clock;
}

export interface RunningServer {
  /** `https://127.0.0.1:PORT` (or the bound address). */
  url: string;
  port: number;
  pki: ServerPki;
  kubeconfigPath: string;
  /** The store the server writes to (for embedding and tests). */
  store: Store;
  /** Where the audit log goes; undefined when it is off. */
  auditLogPath: string | undefined;
  /** Whether this server runs the cluster's controllers now (always, without leader election). */
  isLeader(): boolean;
  /** Stops the server; `releaseLeadership: false` leaves the controller-manager Lease to run out, as a crash would (for tests). */
  close(options?: { releaseLeadership?: boolean }): Promise<void>;
}

async function openStore(options: ServerOptions): Promise<Store> {
  if (options.store.engine === "etcd") {
    // Loaded only for etcd: its gRPC stack costs a SQLite server about 25 MB of memory.
    const { openEtcdStore } = await import("./store/etcd/etcd-store.js");
    return openEtcdStore({ endpoints: options.store.endpoints, log: options.log.child({ component: "store" }) });
  }
  return openSqliteStore(join(options.dataDir, "state.db"), { logger: options.log.child({ component: "store" }) });
}

/**
 * The skiff server: PKI and admin credential in the data dir, the store,
 * the built-in namespaces, and the API over HTTPS.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const clock = options.clock ?? realClock;
  const log = options.log;
  // Made first: an unusable --cluster-cidr stops the server before it starts anything.
  const nodeIpam = nodeIpamController(options.clusterCidr !== undefined ? { clusterCidr: options.clusterCidr } : {});
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  const pki = await ensureServerPki({ dataDir: options.dataDir, tlsSans: options.tlsSans });
  for (const change of pki.changes) log.info({ change }, "pki");
  const signing = await ensureServiceAccountSigningKey(pki.paths.tlsDir);
  if (signing.created) log.info({ change: { kind: "serviceaccount-signing-key-created" } }, "pki");
  // The cluster's controllers, run once in it (by the leader when leader election is on); --controllers picks them.
  const controllers: Controller[] = selectControllers(
    [
      clusterRoleAggregationController,
      defaultServiceAccountController(),
      rootCaPublisher(pki.ca.certPem),
      nodeIpam,
      endpointsController(),
      endpointSliceController(),
      daemonSetController(),
      jobController(options.jobPodFailureBackoff ? { podFailureBackoff: options.jobPodFailureBackoff } : {}),
      ttlAfterFinishedController(),
      nodeLifecycleController({ clock, ...(options.nodeMonitorGracePeriodMs !== undefined ? { monitorGracePeriodMs: options.nodeMonitorGracePeriodMs } : {}) }),
      taintEvictionController({ clock }),
      replicaSetController(),
      deploymentController(),
      schedulerController(),
      garbageCollectorController(),
      namespaceController(),
    ],
    options.controllers ?? allControllers,
  );
  const store = await openStore(options);

  const rbacPolicy = new InformerRbacPolicy();
  const rbacBootstrap = new RbacBootstrapController();
  const podGraph = new PodGraph();
  const authorizer = authorizerChain([mastersAuthorizer, nodeAuthorizer(podGraph), rbacAuthorizer(rbacPolicy)]);
  const resources = new ResourceTable(servedResources(), reviewResources(authorizer, rbacPolicy));
  const namespaces = resources.find("", "v1", "namespaces");
  if (namespaces) await ensureSystemNamespaces(namespaces, new ObjectStore(store, namespaces), clock);

  const staticUsers = options.tokenAuthFile ? await loadTokenFile(options.tokenAuthFile) : [];
  const loopback = createLoopbackCredential();
  const joining = await startJoining({ store, ca: pki.ca, clock, log: log.child({ component: "join" }) });
  const auditLogPath = options.auditLog ?? join(options.dataDir, "audit.log");
  let auditLog: AuditLog | undefined;
  if (auditLogPath === "") log.warn("the audit log is off (--audit-log \"\")");
  else auditLog = await openAuditLog(auditLogPath, log.child({ component: "audit" }));
  const issuer = options.serviceAccountIssuer ?? defaultServiceAccountIssuer;
  const readers = storeReaders(store, resources);
  const tokenObjects = new CachedObjectLookup(readers.identity);
  const handler = createApiHandler({
    store,
    resources,
    clock,
    log: log.child({ component: "apiserver" }),
    authenticate: withImpersonation(
      firstAuthenticator([
        loopback.authenticator,
        staticTokenAuthenticator([{ token: pki.adminToken, user: adminUser }, ...staticUsers]),
        joining.authenticator,
        serviceAccountAuthenticator({ key: signing.key, issuer, audiences: [issuer], clock, objects: tokenObjects }),
      ]),
      authorizer,
    ),
    authorizer,
    // Kubernetes' order: ServiceAccount (defaults and the token volume) before NodeRestriction.
    admit: admissionChain([
      serviceAccountAdmission(readers.serviceAccount),
      defaultTolerationSecondsAdmission({
        ...(options.defaultNotReadyTolerationSeconds !== undefined ? { notReadySeconds: options.defaultNotReadyTolerationSeconds } : {}),
        ...(options.defaultUnreachableTolerationSeconds !== undefined ? { unreachableSeconds: options.defaultUnreachableTolerationSeconds } : {}),
      }),
      nodeRestriction(readers.pod),
      rbacEscalationAdmission(rbacPolicy, authorizer),
    ]),
    tokens: createTokenIssuer({ key: signing.key, issuer, clock }),
    ready: () => rbacPolicy.hasSynced() && rbacBootstrap.hasBootstrapped(),
    routes: joining.routes,
    ...(auditLog ? { audit: auditLog.record } : {}),
  });
  const requestTimeoutMs = options.requestTimeoutMs ?? 60_000;
  const server: Server = createServer(
    // Node checks the timeouts below at this interval (30 s by default, longer than a short timeout).
    { cert: pki.serving.certPem, key: pki.serving.keyPem, connectionsCheckingInterval: Math.min(30_000, Math.ceil(requestTimeoutMs / 4)) },
    handler.request,
  );
  server.on("upgrade", handler.upgrade);
  // Counts only until the request is read: a watch that streams for an hour is not cut.
  server.requestTimeout = requestTimeoutMs;
  server.headersTimeout = Math.min(60_000, requestTimeoutMs);
  server.keepAliveTimeout = 90_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.bind, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const host = options.bind === "0.0.0.0" || options.bind === "::" ? "127.0.0.1" : options.bind;
  const url = `https://${host.includes(":") ? `[${host}]` : host}:${port}`;
  const kubeconfigPath = await writeAdminKubeconfig(pki, { host, port });
  log.info({ url, dataDir: options.dataDir, store: options.store.engine }, "skiff server listening");

  // What every server keeps for itself (its authorization and token caches, the default roles) or may do twice harmlessly.
  const perServerControllers: Controller[] = [podGraph, rbacPolicy, rbacBootstrap, tokenObjects, nodeCredentialRevoker(store)];
  const loopbackClient = new RestClient(loopback.clientConfig(url, pki.ca.certPem));
  const localSource: SourceFor = (ref, selection) => {
    const resource = resources.find(ref.group, ref.version, ref.resource);
    if (!resource) throw new Error(`the server does not serve ${ref.resource}.${ref.group}/${ref.version}`);
    return localListerWatcher(resource, handler.objectsOf(resource), selection);
  };
  const controllersLog = log.child({ component: "controllers" });
  const running = startControllers(perServerControllers, loopbackClient, sharedInformerFactory(localSource), controllersLog);
  const elected = runElectedControllers({
    controllers,
    client: loopbackClient,
    source: localSource,
    election: { enabled: options.leaderElection?.enabled ?? options.store.engine === "etcd", ...options.leaderElection },
    log: controllersLog,
    clock,
  });
  // Answer for the server only once RBAC can decide and the default roles exist: a user's first request is then judged by the policy, not refused for want of it.
  await Promise.all([rbacPolicy.waitForSync(), rbacBootstrap.bootstrapped]);

  return {
    url,
    port,
    pki,
    kubeconfigPath,
    store,
    auditLogPath: auditLog ? auditLogPath : undefined,
    isLeader: () => elected.isLeader(),
    async close(closeOptions = {}) {
      await elected.stop({ release: closeOptions.releaseLeadership ?? true });
      await running.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        // Upgraded connections (WebSocket watches, agent tunnels) are no longer
        // the HTTP server's to close, yet it waits for them: they end here.
        handler.close();
      });
      await joining.close();
      // After the connections: their last answers are recorded first.
      await auditLog?.close();
      await store.close();
    },
  };
}
