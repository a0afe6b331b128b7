import {
  setTokenRequestDefaults,
  tokenRequestSchema,
  validateTokenRequest,
  type BoundObjectReference,
  type TokenRequest,
} from "../../../src/api/authentication/v1/token-request.js";
import { parseWith } from "../../../src/api/schema/parse.js";
import { invalid as invalidField } from "../../../src/api/validation/field-error.js";
import { badRequest, conflict, invalid, methodNotSupported, notFound } from "../../../src/errors/status.js";
import type { TokenParameters } from "../../auth/serviceaccount/issue-token.js";
import { rfc3339 } from "../strategy/system-metadata.js";
import type { StoredObject } from "../storage/object-store.js";
import type { ResourceCall, RestAnswer, RestContext } from "./context.js";
import { isDryRun } from "./dry-run.js";

const tokenRequestKind = { group: "authentication.k8s.io", kind: "TokenRequest" };

/** The body as a defaulted, valid TokenRequest whose name and namespace, if given, are the URL's. */
function decodeTokenRequest(call: ResourceCall, body: unknown): TokenRequest {
  const { name, namespace } = call.info;
  const typed = typeof body === "object" && body !== null && !Array.isArray(body) ? { apiVersion: "authentication.k8s.io/v1", kind: "TokenRequest", ...body } : body;
  const parsed = parseWith(tokenRequestSchema, typed, "strict");
  if (!parsed.ok) throw invalid(tokenRequestKind, name, parsed.errors);
  const request = parsed.value;
  setTokenRequestDefaults(request);
  const errors = validateTokenRequest(request);
  const meta = request.metadata;
  if (meta.name && meta.name !== name) errors.push(invalidField("metadata.name", meta.name, "must match the service account name if specified"));
  if (meta.namespace && meta.namespace !== namespace) {
    errors.push(invalidField("metadata.namespace", meta.namespace, "must match the service account namespace if specified"));
  }
  if (errors.length > 0) throw invalid(tokenRequestKind, name, errors);
  return request;
}

type Binding = Pick<TokenParameters, "boundTo" | "node">;

/** The node a pod is scheduled to, when it is and the Node exists (a token only names it). */
async function nodeOf(ctx: RestContext, pod: StoredObject): Promise<TokenParameters["node"]> {
  const nodeName = (pod.spec as { nodeName?: string } | undefined)?.nodeName;
  const nodes = ctx.resources.find("", "v1", "nodes");
  if (!nodeName || !nodes) return undefined;
  const node = await ctx.objectsOf(nodes).get("", nodeName);
  return node?.metadata.uid ? { name: nodeName, uid: node.metadata.uid } : undefined;
}

/** The Pod or Secret a token is to be bound to, checked as Kubernetes checks it, and a bound pod's node. */
async function boundObject(ctx: RestContext, call: ResourceCall, ref: BoundObjectReference): Promise<Binding> {
  const { name: serviceAccount, namespace } = call.info;
  const apiVersion = ref.apiVersion ?? "";
  const kind = ref.kind ?? "";
  const coreKind = apiVersion === "v1" || apiVersion === "" ? kind : "";
  if (coreKind !== "Pod" && coreKind !== "Secret") {
    const slash = apiVersion.indexOf("/");
    const gvk = slash < 0 ? `/${apiVersion}, Kind=${kind}` : `${apiVersion.slice(0, slash)}/${apiVersion.slice(slash + 1)}, Kind=${kind}`;
    throw badRequest(`cannot bind token for serviceaccount "${serviceAccount}" to object of type ${gvk}`);
  }
  const resource = ctx.resources.find("", "v1", coreKind === "Pod" ? "pods" : "secrets");
  if (!resource) throw methodNotSupported({ group: "", resource: "serviceaccounts/token" }, "create");
  const name = ref.name ?? "";
  const object = name === "" ? undefined : await ctx.objectsOf(resource).get(namespace, name);
  if (!object) throw notFound({ group: "", resource: resource.resource }, name);
  const uid = object.metadata.uid ?? "";
  if (coreKind === "Pod") {
    const spec = (object.spec ?? {}) as { serviceAccountName?: string };
    if (spec.serviceAccountName !== serviceAccount) {
      throw badRequest(`cannot bind token for serviceaccount "${serviceAccount}" to pod running with different serviceaccount name.`);
    }
  }
  if (ref.uid && ref.uid !== uid) {
    throw conflict(
      { group: "", resource: coreKind },
      name,
      `the UID in the bound object reference (${ref.uid}) does not match the UID in record. The object might have been deleted and then recreated`,
    );
  }
  const node = coreKind === "Pod" ? await nodeOf(ctx, object) : undefined;
  return { boundTo: { kind: coreKind, name, uid }, ...(node ? { node } : {}) };
}

/**
 * POST serviceaccounts/{name}/token: a signed token for the ServiceAccount,
 * optionally bound to a Pod or Secret (kubectl create token). Admission sees
 * the TokenRequest first (node restriction checks the pod binding). The
 * answer is the TokenRequest with its defaults and `status.token`.
 */
export async function requestToken(ctx: RestContext, call: ResourceCall, body: unknown): Promise<RestAnswer> {
  const issuer = ctx.tokens;
  if (!issuer) throw methodNotSupported({ group: "", resource: "serviceaccounts/token" }, "create");
  const { name, namespace } = call.info;
  const request = decodeTokenRequest(call, body);
  if (!request.spec.audiences || request.spec.audiences.length === 0) request.spec.audiences = [issuer.issuer];
  const dryRun = isDryRun(call.query.getAll("dryRun"));
  const answer: TokenRequest = { ...request, metadata: { ...request.metadata, name, namespace, creationTimestamp: rfc3339(ctx.clock.now()) } };
  await ctx.admit({
    operation: "create",
    user: call.user,
    resource: call.resource,
    subresource: "token",
    namespace,
    name,
    object: answer as unknown as StoredObject,
    dryRun,
  });

  const serviceAccount = await call.objects.get(namespace, name);
  if (!serviceAccount) throw notFound({ group: "", resource: "serviceaccounts" }, name);
  const ref = request.spec.boundObjectRef;
  const binding = ref ? await boundObject(ctx, call, ref) : {};
  if (dryRun) return { code: 201, body: answer };
  const issued = await issuer.issue({
    namespace,
    serviceAccount: { name, uid: serviceAccount.metadata.uid ?? "" },
    ...binding,
    audiences: request.spec.audiences,
    expirationSeconds: request.spec.expirationSeconds ?? 0,
  });
  answer.status = { token: issued.token, expirationTimestamp: rfc3339(issued.expiresAt.getTime()) };
  return { code: 201, body: answer };
}
