import { matrixNamespace, targetOf } from "./fixtures.js";

/** One resource (or subresource) as discovery lists it. */
export interface MatrixResource {
  group: string;
  version: string;
  /** `pods`, `pods/log`. */
  name: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
}

export type Side = 1 | 2;

/** One request of the matrix: a verb on a resource, aimed at one side's object. */
export interface Cell {
  resource: MatrixResource;
  verb: string;
  side: Side;
  namespace: string;
  /** "" for collection verbs. */
  name: string;
  method: string;
  path: string;
  body?: string;
  contentType?: string;
}

export const allVerbs = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"] as const;
const collectionVerbs = new Set(["list", "watch", "create", "deletecollection"]);
const methods: Record<string, string> = {
  get: "GET",
  list: "GET",
  watch: "GET",
  create: "POST",
  update: "PUT",
  patch: "PATCH",
  delete: "DELETE",
  deletecollection: "DELETE",
};

/** Where a resource's objects live: Leases in kube-node-lease, everything else namespaced in the matrix namespace. */
export function namespaceOf(resource: MatrixResource): string {
  if (!resource.namespaced) return "";
  return resource.name.split("/")[0] === "leases" ? "kube-node-lease" : matrixNamespace;
}

/** The name of the object a resource's requests aim at on a side, or undefined for create-only resources. */
export function targetName(kindOfMain: string, side: Side): string | undefined {
  if (kindOfMain === "Namespace") return matrixNamespace;
  return targetOf(kindOfMain, side)?.metadata.name;
}

/**
 * Every cell for a resource: all eight verbs on a main resource (also those it
 * does not serve: authorization answers before the verb is looked at), the
 * listed verbs on a subresource, only create on a create-only resource.
 * `current` gives an object as stored, for bodies of updates.
 */
export function cellsOf(
  resource: MatrixResource,
  kindOfMain: string,
  side: Side,
  current: (path: string) => unknown,
): Cell[] {
  const [main, subresource] = resource.name.split("/") as [string, string | undefined];
  const createOnly = resource.verbs.length === 1 && resource.verbs[0] === "create" && subresource === undefined;
  const verbs: readonly string[] = subresource !== undefined || createOnly ? resource.verbs : allVerbs;
  const namespace = namespaceOf(resource);
  const name = createOnly ? "" : targetName(kindOfMain, side);
  if (name === undefined) throw new Error(`the access matrix has no ${kindOfMain} object: add one to test/auth/matrix/fixtures.ts`);
  const base = `${resource.group ? `/apis/${resource.group}` : "/api"}/${resource.version}${namespace ? `/namespaces/${namespace}` : ""}/${main}`;
  return verbs.map((verb) => {
    const collection = subresource === undefined && collectionVerbs.has(verb);
    const objectPath = main === "namespaces" ? `/api/v1/namespaces/${name}` : `${base}/${name}`;
    const path = collection ? base : `${objectPath}${subresource ? `/${subresource}` : ""}`;
    const cell: Cell = { resource, verb, side, namespace, name: collection ? "" : name, method: methods[verb] ?? "POST", path };
    const dryRun = (p: string): string => `${p}${p.includes("?") ? "&" : "?"}dryRun=All`;
    switch (verb) {
      case "watch":
        cell.path = `${path}?watch=1&timeoutSeconds=1`;
        break;
      case "create":
        if (subresource === "exec") {
          cell.path = `${path}?command=true&stdout=true&container=app`;
        } else {
          cell.body = JSON.stringify(createBody(resource, kindOfMain, subresource, side, current));
          cell.contentType = "application/json";
          cell.path = subresource === "token" || createOnly ? path : dryRun(path);
        }
        break;
      case "update": {
        cell.body = JSON.stringify(current(subresource === "scale" ? path : objectPath));
        cell.contentType = "application/json";
        cell.path = dryRun(path);
        break;
      }
      case "patch":
        cell.body = subresource === "scale" ? '{"spec":{"replicas":1}}' : '{"metadata":{"annotations":{"matrix":"patched"}}}';
        cell.contentType = "application/merge-patch+json";
        cell.path = dryRun(path);
        break;
      case "delete":
      case "deletecollection":
        cell.path = dryRun(path);
        break;
      case "get":
        if (subresource === "exec") cell.path = `${path}?command=true&stdout=true&container=app`;
        break;
    }
    return cell;
  });
}

/** The path of the pod on a side, whose uid a bound token request names. */
export const podPathOf = (side: Side): string => `/api/v1/namespaces/${matrixNamespace}/pods/pod-${side}`;

function createBody(resource: MatrixResource, kindOfMain: string, subresource: string | undefined, side: Side, current: (path: string) => unknown): unknown {
  if (subresource === "binding") {
    return { apiVersion: "v1", kind: "Binding", metadata: { name: `pod-${side}` }, target: { apiVersion: "v1", kind: "Node", name: `pi-${side}` } };
  }
  if (subresource === "eviction") return { apiVersion: "policy/v1", kind: "Eviction", metadata: { name: `pod-${side}` } };
  if (subresource === "token") {
    return {
      apiVersion: "authentication.k8s.io/v1",
      kind: "TokenRequest",
      spec: { audiences: [], boundObjectRef: { apiVersion: "v1", kind: "Pod", name: `pod-${side}`, uid: uidOf(current(podPathOf(side))) } },
    };
  }
  if (subresource === undefined && resource.verbs.length === 1) return reviewBody(resource);
  if (kindOfMain === "Namespace") return { apiVersion: "v1", kind: "Namespace", metadata: { name: matrixNamespace } };
  return targetOf(kindOfMain, side);
}

function uidOf(object: unknown): string | undefined {
  return (object as { metadata?: { uid?: string } } | undefined)?.metadata?.uid;
}

/** A create-only review: what it asks is beside the point; who may ask is the matrix's question. */
function reviewBody(resource: MatrixResource): unknown {
  const apiVersion = `${resource.group}/${resource.version}`;
  const attributes = { namespace: matrixNamespace, verb: "get", resource: "pods" };
  switch (resource.kind) {
    case "SelfSubjectAccessReview":
      return { apiVersion, kind: resource.kind, spec: { resourceAttributes: attributes } };
    case "SelfSubjectRulesReview":
      return { apiVersion, kind: resource.kind, spec: { namespace: matrixNamespace } };
    case "SubjectAccessReview":
      return { apiVersion, kind: resource.kind, spec: { user: "jane", resourceAttributes: attributes } };
    case "LocalSubjectAccessReview":
      return { apiVersion, kind: resource.kind, metadata: { namespace: matrixNamespace }, spec: { user: "jane", resourceAttributes: attributes } };
    default:
      return { apiVersion, kind: resource.kind, spec: {} };
  }
}
