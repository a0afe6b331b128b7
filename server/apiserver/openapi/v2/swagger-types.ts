import type { GroupVersionKind } from "../openapi-types.js";

/*
 * The parts of a Swagger 2.0 (OpenAPI v2) document the apiserver serves at
 * /openapi/v2, as far as skiff writes them: what kubectl reads to validate
 * the items of a `kind: List` and the kinds /openapi/v3 does not describe.
 */

/** A schema as OpenAPI v2 writes one: `$ref`s point at `#/definitions/`, extensions sit beside the standard keys. */
export interface SwaggerSchema {
  $ref?: string;
  description?: string;
  type?: string;
  format?: string;
  required?: string[];
  enum?: unknown[];
  items?: SwaggerSchema;
  properties?: Record<string, SwaggerSchema>;
  additionalProperties?: SwaggerSchema | boolean;
  [extension: `x-${string}`]: unknown;
}

/** A query or path parameter: a primitive, described by `type`. */
export interface SwaggerValueParameter {
  name: string;
  in: "query" | "path";
  description?: string;
  required?: boolean;
  type: string;
}

/** The request body, described by a schema. */
export interface SwaggerBodyParameter {
  name: "body";
  in: "body";
  required: boolean;
  schema: SwaggerSchema;
}

export type SwaggerParameter = SwaggerValueParameter | SwaggerBodyParameter;

/** A parameter written once under the document's `parameters` and referred to from operations. */
export interface SwaggerParameterRef {
  $ref: string;
}

export interface SwaggerResponse {
  description: string;
  schema?: SwaggerSchema;
}

export interface SwaggerOperation {
  operationId: string;
  description: string;
  parameters?: SwaggerParameterRef[];
  responses: Record<string, SwaggerResponse>;
  "x-kubernetes-action": string;
  "x-kubernetes-group-version-kind": GroupVersionKind;
}

export interface SwaggerPathItem {
  parameters?: SwaggerParameterRef[];
  get?: SwaggerOperation;
  put?: SwaggerOperation;
  post?: SwaggerOperation;
  delete?: SwaggerOperation;
  patch?: SwaggerOperation;
}

/** The whole of `/openapi/v2`: every served path and every schema, in one document. */
export interface SwaggerDocument {
  swagger: "2.0";
  info: { title: string; version: string };
  paths: Record<string, SwaggerPathItem>;
  definitions: Record<string, SwaggerSchema>;
  parameters: Record<string, SwaggerParameter>;
}
