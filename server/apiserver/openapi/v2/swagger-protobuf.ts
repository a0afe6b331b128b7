import { MessageWriter } from "../../protobuf/write-wire.js";
import type {
  SwaggerDocument,
  SwaggerOperation,
  SwaggerParameter,
  SwaggerParameterRef,
  SwaggerPathItem,
  SwaggerResponse,
  SwaggerSchema,
} from "./swagger-types.js";

/*
 * The v2 document as gnostic's OpenAPIv2 protobuf (github.com/google/
 * gnostic-models, openapiv2/OpenAPIv2.proto), the form client-go asks for
 * (`application/com.github.proto-openapi.spec.v2@v1.0+protobuf`) and kubectl
 * parses. Field numbers are that file's. Maps (definitions, properties,
 * paths, responses) are repeated Named* messages in the map's order;
 * extensions and enum values are `Any`s holding YAML, here their JSON text
 * (JSON is YAML).
 */

/** Encodes the whole document. */
export function encodeSwaggerProtobuf(document: SwaggerDocument): Buffer {
  const definitions = new MessageWriter();
  for (const [name, schema] of Object.entries(document.definitions)) definitions.message(1, named(name, schemaMessage(schema)));
  const parameters = new MessageWriter();
  for (const [name, parameter] of Object.entries(document.parameters)) parameters.message(1, named(name, parameterMessage(parameter)));
  const paths = new MessageWriter();
  for (const [path, item] of Object.entries(document.paths)) paths.message(2, named(path, pathItemMessage(item)));
  return new MessageWriter()
    .string(1, document.swagger)
    .message(2, new MessageWriter().string(1, document.info.title).string(2, document.info.version))
    .message(8, paths)
    .message(9, definitions)
    .message(10, parameters)
    .finish();
}

/** NamedSchema, NamedParameter, NamedPathItem, NamedResponseValue: name 1, value 2. */
function named(name: string, value: MessageWriter): MessageWriter {
  return new MessageWriter().string(1, name).message(2, value);
}

/** Any: the value as YAML text, field 2. */
function any(value: unknown): MessageWriter {
  return new MessageWriter().string(2, JSON.stringify(value));
}

/** The `x-...` keys of an object, as repeated NamedAny. */
function extensions(writer: MessageWriter, field: number, object: object): void {
  for (const [key, value] of Object.entries(object)) {
    if (key.startsWith("x-") && value !== undefined) writer.message(field, named(key, any(value)));
  }
}

function schemaMessage(schema: SwaggerSchema): MessageWriter {
  const writer = new MessageWriter().string(1, schema.$ref).string(2, schema.format).string(4, schema.description).strings(19, schema.required);
  for (const value of schema.enum ?? []) writer.message(20, any(value));
  const additional = schema.additionalProperties;
  if (typeof additional === "boolean") writer.message(21, new MessageWriter().bool(2, additional, true));
  else if (additional) writer.message(21, new MessageWriter().message(1, schemaMessage(additional)));
  if (schema.type !== undefined) writer.message(22, new MessageWriter().strings(1, [schema.type]));
  if (schema.items) writer.message(23, new MessageWriter().message(1, schemaMessage(schema.items)));
  if (schema.properties) {
    const properties = new MessageWriter();
    for (const [name, property] of Object.entries(schema.properties)) properties.message(1, named(name, schemaMessage(property)));
    writer.message(25, properties);
  }
  extensions(writer, 31, schema);
  return writer;
}

/** Parameter: a BodyParameter (1), or a NonBodyParameter (2) holding a query (3) or path (4) sub-schema. */
function parameterMessage(parameter: SwaggerParameter): MessageWriter {
  if (parameter.in === "body") {
    const body = new MessageWriter().string(2, parameter.name).string(3, parameter.in).bool(4, parameter.required).message(5, schemaMessage(parameter.schema));
    return new MessageWriter().message(1, body);
  }
  // Query and path sub-schemas share their first fields; `type` is 6 in the one and 5 in the other.
  const sub = new MessageWriter().bool(1, parameter.required).string(2, parameter.in).string(3, parameter.description).string(4, parameter.name);
  sub.string(parameter.in === "query" ? 6 : 5, parameter.type);
  return new MessageWriter().message(2, new MessageWriter().message(parameter.in === "query" ? 3 : 4, sub));
}

/** ParametersItem holding a JsonReference (2), whose `_ref` is field 1. */
function parameterRefs(writer: MessageWriter, field: number, refs: readonly SwaggerParameterRef[] | undefined): void {
  for (const ref of refs ?? []) writer.message(field, new MessageWriter().message(2, new MessageWriter().string(1, ref.$ref)));
}

function pathItemMessage(item: SwaggerPathItem): MessageWriter {
  const writer = new MessageWriter();
  const verbs = [["get", 2], ["put", 3], ["post", 4], ["delete", 5], ["patch", 8]] as const;
  for (const [verb, field] of verbs) {
    const operation = item[verb];
    if (operation) writer.message(field, operationMessage(operation));
  }
  parameterRefs(writer, 9, item.parameters);
  return writer;
}

function operationMessage(operation: SwaggerOperation): MessageWriter {
  const writer = new MessageWriter().string(3, operation.description).string(5, operation.operationId);
  parameterRefs(writer, 8, operation.parameters);
  const responses = new MessageWriter();
  for (const [code, response] of Object.entries(operation.responses)) responses.message(1, named(code, new MessageWriter().message(1, responseMessage(response))));
  writer.message(9, responses);
  extensions(writer, 13, operation);
  return writer;
}

/** Response: description 1, schema 2 (a SchemaItem holding the Schema as its field 1). */
function responseMessage(response: SwaggerResponse): MessageWriter {
  const writer = new MessageWriter().string(1, response.description);
  if (response.schema) writer.message(2, new MessageWriter().message(1, schemaMessage(response.schema)));
  return writer;
}
