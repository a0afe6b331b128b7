import type { z } from "zod";

/*
 * The parts of an OpenAPI 3.0 document the apiserver serves, as far as
 * skiff writes them. Extensions (`x-kubernetes-...`) sit beside the
 * standard keys, as in Kubernetes' own documents.
 */

/** A JSON Schema as zod emits it for the OpenAPI 3.0 target, extensions included. */
export type SchemaObject = z.core.JSONSchema.JSONSchema;

/** Names one kind: `{group: "apps", version: "v1", kind: "Deployment"}` ("" for the core group). */
export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

export interface Parameter {
  name: string;
  in: "query" | "path";
  description?: string;
  required?: boolean;
  schema: SchemaObject;
}

export interface MediaTypes {
  content: Record<string, { schema: SchemaObject }>;
}

export interface Operation {
  operationId: string;
  description: string;
  parameters?: Parameter[];
  requestBody?: MediaTypes & { required: boolean };
  responses: Record<string, MediaTypes & { description: string }>;
  /** Kubernetes' verb for the operation: get, list, post, put, patch, delete. */
  "x-kubernetes-action": string;
  /** The kind the operation reads or writes; kubectl finds PATCH support for a kind by it. */
  "x-kubernetes-group-version-kind": GroupVersionKind;
}

export interface PathItem {
  parameters?: Parameter[];
  get?: Operation;
  put?: Operation;
  post?: Operation;
  delete?: Operation;
  patch?: Operation;
}

/** One group version's document, as `/openapi/v3/apis/<group>/<version>` answers it. */
export interface OpenApiDocument {
  openapi: "3.0.0";
  info: { title: string; version: string };
  paths: Record<string, PathItem>;
  components: { schemas: Record<string, SchemaObject> };
}
