import { createHash } from "node:crypto";
import type { Operation, Parameter, PathItem } from "../openapi-types.js";
import { swaggerSchema } from "./swagger-schema.js";
import type { SwaggerOperation, SwaggerParameter, SwaggerParameterRef, SwaggerPathItem, SwaggerResponse } from "./swagger-types.js";

const verbs = ["get", "put", "post", "delete", "patch"] as const;

/**
 * The v3 documents' paths as OpenAPI v2 writes them. Every parameter is
 * written once, under the document's `parameters` (keyed, as Kubernetes
 * keys them, by its name and a short hash of its content), and operations
 * refer to it: the same few parameters recur on every path. A request body
 * is the v2 `body` parameter. PATCH operations still carry no body and no
 * `consumes`: kubectl then finds no patch type for the kind here and
 * computes strategic merge patches from its own compiled types (see
 * resource-paths.ts).
 */
export class SwaggerPaths {
  readonly paths: Record<string, SwaggerPathItem> = {};
  readonly parameters: Record<string, SwaggerParameter> = {};

  add(path: string, item: PathItem): void {
    const out: SwaggerPathItem = {};
    if (item.parameters) out.parameters = item.parameters.map((p) => this.refer(valueParameter(p)));
    for (const verb of verbs) {
      const operation = item[verb];
      if (operation) out[verb] = this.operation(operation);
    }
    this.paths[path] = out;
  }

  private operation(operation: Operation): SwaggerOperation {
    const parameters = (operation.parameters ?? []).map((p) => this.refer(valueParameter(p)));
    const body = operation.requestBody?.content["application/json"]?.schema;
    if (body && operation.requestBody) {
      parameters.push(this.refer({ name: "body", in: "body", required: operation.requestBody.required, schema: swaggerSchema(body) }));
    }
    const responses: Record<string, SwaggerResponse> = {};
    for (const [code, response] of Object.entries(operation.responses)) {
      const schema = response.content["application/json"]?.schema;
      responses[code] = schema ? { description: response.description, schema: swaggerSchema(schema) } : { description: response.description };
    }
    return {
      operationId: operation.operationId,
      description: operation.description,
      ...(parameters.length > 0 ? { parameters } : {}),
      responses,
      "x-kubernetes-action": operation["x-kubernetes-action"],
      "x-kubernetes-group-version-kind": operation["x-kubernetes-group-version-kind"],
    };
  }

  private refer(parameter: SwaggerParameter): SwaggerParameterRef {
    const text = JSON.stringify(parameter);
    const key = `${parameter.name}-${createHash("sha256").update(text).digest("base64url").slice(0, 8)}`;
    this.parameters[key] = parameter;
    return { $ref: `#/parameters/${key}` };
  }
}

/** A v3 query or path parameter, whose type sits in its schema, as v2 writes it: the type on the parameter itself. */
function valueParameter(parameter: Parameter): SwaggerParameter {
  const type = typeof parameter.schema.type === "string" ? parameter.schema.type : "string";
  return {
    name: parameter.name,
    in: parameter.in,
    ...(parameter.description !== undefined ? { description: parameter.description } : {}),
    ...(parameter.required !== undefined ? { required: parameter.required } : {}),
    type,
  };
}
