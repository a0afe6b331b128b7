import type { GroupVersionKind, MediaTypes, Parameter, PathItem } from "./openapi-types.js";
import { componentRef } from "./schema-components.js";

/** What the paths of one served resource are made from. */
export interface PathResource {
  gvk: GroupVersionKind;
  /** Plural, as in the URL: `pods`. */
  resource: string;
  namespaced: boolean;
  /** Subresources with the object's own schema (`status`). */
  subresources: readonly string[];
  /** The component names of the kind and of its list (`io.k8s.api.core.v1.Pod`, `...PodList`). */
  schemaName: string;
  listSchemaName: string;
}

const statusSchemaName = "io.k8s.apimachinery.pkg.apis.meta.v1.Status";
const deleteOptionsSchemaName = "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions";

const json = (name: string): MediaTypes => ({ content: { "application/json": { schema: { $ref: componentRef(name) } } } });
const ok = (name: string) => ({ description: "OK", ...json(name) });
const created = (name: string) => ({ description: "Created", ...json(name) });
const query = (name: string, type: "string" | "boolean" | "integer", description: string): Parameter => ({
  name,
  in: "query",
  description,
  schema: { type },
});

const pathName: Parameter = { name: "name", in: "path", required: true, description: "name of the object", schema: { type: "string" } };
const pathNamespace: Parameter = {
  name: "namespace",
  in: "path",
  required: true,
  description: "object name and auth scope, such as for teams and projects",
  schema: { type: "string" },
};

const dryRun = query("dryRun", "string", "When present, the request is checked but not persisted; the only value is All.");
const fieldManager = query("fieldManager", "string", "The name of the actor making these changes, recorded in managedFields.");
// kubectl turns server-side field validation on (fieldValidation=Strict) for a
// kind only when that kind's PATCH operation lists this parameter.
const fieldValidation = query(
  "fieldValidation",
  "string",
  "How to treat fields the schema does not know: Ignore drops them, Warn drops them with a warning, Strict fails the request.",
);
const force = query("force", "boolean", "Server-side apply only: take over fields other managers own.");
const writeParameters = [dryRun, fieldManager, fieldValidation];
const listParameters = [
  query("allowWatchBookmarks", "boolean", "Ask for BOOKMARK events in a watch."),
  query("continue", "string", "The continue token of the previous page."),
  query("fieldSelector", "string", "Selects objects by their fields."),
  query("labelSelector", "string", "Selects objects by their labels."),
  query("limit", "integer", "The most objects one page holds."),
  query("resourceVersion", "string", "Which revision to read, with resourceVersionMatch."),
  query("resourceVersionMatch", "string", "How resourceVersion applies: Exact or NotOlderThan."),
  query("sendInitialEvents", "boolean", "A watch starts with the current objects, then an initial-events-end bookmark."),
  query("timeoutSeconds", "integer", "Ends a list or watch after this long."),
  query("watch", "boolean", "Streams changes instead of listing."),
];
const deleteParameters = [
  dryRun,
  query("gracePeriodSeconds", "integer", "Seconds before the object is deleted."),
  query("propagationPolicy", "string", "Whether and how dependents are garbage collected: Orphan, Background or Foreground."),
];

/**
 * The PATCH operation carries no `requestBody` on purpose: kubectl reads a
 * PATCH body schema that lists `application/strategic-merge-patch+json` as
 * permission to compute strategic merge patches from these documents, and
 * without it computes them from its own compiled Kubernetes types, which
 * know the patch directives (merge keys) skiff's schemas do not carry.
 */
function objectOperations(r: PathResource, suffix: string, subresource: string): PathItem {
  const gvk = { ...r.gvk };
  const what = subresource === "" ? `the specified ${r.gvk.kind}` : `${subresource} of the specified ${r.gvk.kind}`;
  return {
    get: {
      operationId: `read${suffix}`,
      description: `read ${what}`,
      responses: { "200": ok(r.schemaName) },
      "x-kubernetes-action": "get",
      "x-kubernetes-group-version-kind": gvk,
    },
    put: {
      operationId: `replace${suffix}`,
      description: `replace ${what}`,
      parameters: writeParameters,
      requestBody: { ...json(r.schemaName), required: true },
      responses: { "200": ok(r.schemaName), "201": created(r.schemaName) },
      "x-kubernetes-action": "put",
      "x-kubernetes-group-version-kind": gvk,
    },
    patch: {
      operationId: `patch${suffix}`,
      description: `partially update ${what}`,
      parameters: [...writeParameters, force],
      responses: { "200": ok(r.schemaName), "201": created(r.schemaName) },
      "x-kubernetes-action": "patch",
      "x-kubernetes-group-version-kind": gvk,
    },
  };
}

/**
 * The paths Kubernetes serves for one resource, in its OpenAPI form: the
 * collection (list, create), the object (read, replace, patch, delete),
 * each subresource (read, replace, patch), and for a namespaced resource
 * the list across all namespaces. Every operation names the kind in
 * `x-kubernetes-group-version-kind`.
 */
export function resourcePaths(r: PathResource): Record<string, PathItem> {
  const prefix = r.gvk.group === "" ? `/api/${r.gvk.version}` : `/apis/${r.gvk.group}/${r.gvk.version}`;
  const scope = r.namespaced ? `${prefix}/namespaces/{namespace}` : prefix;
  const scopeParameters = r.namespaced ? [pathNamespace] : [];
  const id = `${operationGroup(r.gvk)}${r.namespaced ? "Namespaced" : ""}${r.gvk.kind}`;
  const gvk = { ...r.gvk };

  const collection: PathItem = {
    ...(r.namespaced ? { parameters: [pathNamespace] } : {}),
    get: {
      operationId: `list${id}`,
      description: `list or watch objects of kind ${r.gvk.kind}`,
      parameters: listParameters,
      responses: { "200": ok(r.listSchemaName) },
      "x-kubernetes-action": "list",
      "x-kubernetes-group-version-kind": gvk,
    },
    post: {
      operationId: `create${id}`,
      description: `create a ${r.gvk.kind}`,
      parameters: writeParameters,
      requestBody: { ...json(r.schemaName), required: true },
      responses: { "200": ok(r.schemaName), "201": created(r.schemaName) },
      "x-kubernetes-action": "post",
      "x-kubernetes-group-version-kind": gvk,
    },
  };
  const object: PathItem = {
    parameters: [pathName, ...scopeParameters],
    ...objectOperations(r, id, ""),
    delete: {
      operationId: `delete${id}`,
      description: `delete a ${r.gvk.kind}`,
      parameters: deleteParameters,
      requestBody: { ...json(deleteOptionsSchemaName), required: false },
      responses: { "200": ok(r.schemaName), "202": { description: "Accepted", ...json(statusSchemaName) } },
      "x-kubernetes-action": "delete",
      "x-kubernetes-group-version-kind": gvk,
    },
  };
  const paths: Record<string, PathItem> = {
    [`${scope}/${r.resource}`]: collection,
    [`${scope}/${r.resource}/{name}`]: object,
  };
  for (const sub of r.subresources) {
    paths[`${scope}/${r.resource}/{name}/${sub}`] = {
      parameters: [pathName, ...scopeParameters],
      ...objectOperations(r, `${id}${pascal(sub)}`, sub),
    };
  }
  if (r.namespaced) {
    paths[`${prefix}/${r.resource}`] = {
      get: {
        operationId: `list${operationGroup(r.gvk)}${r.gvk.kind}ForAllNamespaces`,
        description: `list or watch objects of kind ${r.gvk.kind} in every namespace`,
        parameters: listParameters,
        responses: { "200": ok(r.listSchemaName) },
        "x-kubernetes-action": "list",
        "x-kubernetes-group-version-kind": gvk,
      },
    };
  }
  return paths;
}

/** `CoreV1`, `AppsV1`, `RbacAuthorizationV1`: how Kubernetes' operationIds name a group version. */
function operationGroup(gvk: GroupVersionKind): string {
  const group = gvk.group === "" ? "core" : gvk.group.replace(/\.k8s\.io$/, "");
  return group.split(".").map(pascal).join("") + pascal(gvk.version);
}

function pascal(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
