import { describe, expect, it } from "vitest";
import { readFields, type WireField } from "../../protobuf/wire.js";
import { servedResources } from "../../resources/model-resources.js";
import { ResourceTable } from "../../resources/served-resource.js";
import { openApiResourcesOf } from "../openapi-documents.js";
import { swaggerDocument } from "./swagger-document.js";
import { encodeSwaggerProtobuf } from "./swagger-protobuf.js";

/*
 * A reader of gnostic's OpenAPIv2 messages, written apart from the encoder
 * from OpenAPIv2.proto's field numbers, that turns the bytes back into the
 * JSON document: the round trip must give back what went in.
 */
type Json = Record<string, unknown>;

const bytesOf = (f: WireField): Uint8Array => {
  if (f.value.wireType !== 2) throw new Error(`field ${f.field} is not length-delimited`);
  return f.value.bytes;
};
const text = (f: WireField): string => Buffer.from(bytesOf(f)).toString("utf8");
const bool = (f: WireField): boolean => f.value.wireType === 0 && f.value.value === 1n;
const fieldsOf = (f: WireField): WireField[] => readFields(bytesOf(f));
/** NamedX: name 1, value 2. */
const namedEntry = <T>(f: WireField, value: (v: WireField) => T): [string, T] => {
  let name = "";
  let found: T | undefined;
  for (const g of fieldsOf(f)) {
    if (g.field === 1) name = text(g);
    if (g.field === 2) found = value(g);
  }
  return [name, found as T];
};
/** Any: yaml 2, which the encoder fills with JSON. */
const anyValue = (f: WireField): unknown => JSON.parse(text(fieldsOf(f).find((g) => g.field === 2) ?? f));
const only = (f: WireField, field: number): WireField => {
  const [inner] = fieldsOf(f).filter((g) => g.field === field);
  if (!inner) throw new Error(`no field ${field}`);
  return inner;
};

function schema(f: WireField): Json {
  const out: Json = {};
  for (const g of fieldsOf(f)) {
    switch (g.field) {
      case 1: out.$ref = text(g); break;
      case 2: out.format = text(g); break;
      case 4: out.description = text(g); break;
      case 19: ((out.required ??= []) as string[]).push(text(g)); break;
      case 20: ((out.enum ??= []) as unknown[]).push(anyValue(g)); break;
      case 21: {
        const [choice] = fieldsOf(g);
        out.additionalProperties = choice?.field === 1 ? schema(choice) : choice ? bool(choice) : undefined;
        break;
      }
      case 22: out.type = text(only(g, 1)); break;
      case 23: out.items = schema(only(g, 1)); break;
      case 25: out.properties = Object.fromEntries(fieldsOf(g).map((p) => namedEntry(p, schema))); break;
      case 31: { const [name, value] = namedEntry(g, anyValue); out[name] = value; break; }
      default: throw new Error(`unexpected Schema field ${g.field}`);
    }
  }
  return out;
}

function parameter(f: WireField): Json {
  const [choice] = fieldsOf(f);
  if (choice?.field === 1) {
    // proto3 leaves out a false bool; the body parameter always says whether it is required.
    const out: Json = { required: false };
    for (const g of fieldsOf(choice)) {
      if (g.field === 2) out.name = text(g);
      if (g.field === 3) out.in = text(g);
      if (g.field === 4) out.required = bool(g);
      if (g.field === 5) out.schema = schema(g);
    }
    return out;
  }
  const [sub] = fieldsOf(choice as WireField);
  const typeField = sub?.field === 3 ? 6 : 5;
  const out: Json = {};
  for (const g of fieldsOf(sub as WireField)) {
    if (g.field === 1) out.required = bool(g);
    if (g.field === 2) out.in = text(g);
    if (g.field === 3) out.description = text(g);
    if (g.field === 4) out.name = text(g);
    if (g.field === typeField) out.type = text(g);
  }
  return out;
}

const parameterRef = (f: WireField): Json => ({ $ref: text(only(only(f, 2), 1)) });

function operation(f: WireField): Json {
  const out: Json = {};
  for (const g of fieldsOf(f)) {
    if (g.field === 3) out.description = text(g);
    if (g.field === 5) out.operationId = text(g);
    if (g.field === 8) ((out.parameters ??= []) as Json[]).push(parameterRef(g));
    if (g.field === 9) {
      out.responses = Object.fromEntries(
        fieldsOf(g).map((r) =>
          namedEntry(r, (value) => {
            const response: Json = {};
            for (const h of fieldsOf(only(value, 1))) {
              if (h.field === 1) response.description = text(h);
              if (h.field === 2) response.schema = schema(only(h, 1));
            }
            return response;
          }),
        ),
      );
    }
    if (g.field === 13) { const [name, value] = namedEntry(g, anyValue); out[name] = value; }
  }
  return out;
}

function pathItem(f: WireField): Json {
  const verbs: Record<number, string> = { 2: "get", 3: "put", 4: "post", 5: "delete", 8: "patch" };
  const out: Json = {};
  for (const g of fieldsOf(f)) {
    const verb = verbs[g.field];
    if (verb) out[verb] = operation(g);
    if (g.field === 9) ((out.parameters ??= []) as Json[]).push(parameterRef(g));
  }
  return out;
}

function document(bytes: Uint8Array): Json {
  const out: Json = {};
  for (const f of readFields(bytes)) {
    if (f.field === 1) out.swagger = text(f);
    if (f.field === 2) out.info = { title: text(only(f, 1)), version: text(only(f, 2)) };
    if (f.field === 8) out.paths = Object.fromEntries(fieldsOf(f).filter((g) => g.field === 2).map((g) => namedEntry(g, pathItem)));
    if (f.field === 9) out.definitions = Object.fromEntries(fieldsOf(f).map((g) => namedEntry(g, schema)));
    if (f.field === 10) out.parameters = Object.fromEntries(fieldsOf(f).map((g) => namedEntry(g, parameter)));
  }
  return out;
}

describe("encodeSwaggerProtobuf", () => {
  it("writes the served document so that it reads back whole", () => {
    const served = swaggerDocument(openApiResourcesOf(new ResourceTable(servedResources())));
    const bytes = encodeSwaggerProtobuf(served);
    expect(document(bytes)).toEqual(JSON.parse(JSON.stringify(served)));
  });

  it("keeps an object with no properties an object kubectl sees as such, and additionalProperties false", () => {
    const bytes = encodeSwaggerProtobuf({
      swagger: "2.0",
      info: { title: "t", version: "v" },
      paths: {},
      definitions: { Empty: { type: "object", properties: {}, additionalProperties: false } },
      parameters: {},
    });
    expect(document(bytes).definitions).toEqual({ Empty: { type: "object", properties: {}, additionalProperties: false } });
  });
});
