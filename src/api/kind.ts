import type { z } from "zod";
import { validateObjectMetaUpdate } from "./meta/v1/object-meta-validation.js";
import type { ObjectMeta } from "./meta/v1/object-meta.js";
import { parseWith, type ParseResult, type UnknownFieldPolicy } from "./schema/parse.js";
import { invalid, type FieldError } from "./validation/field-error.js";
import { root } from "./validation/field-path.js";

/** What every object of a served kind has once decoded. */
export interface TypedObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
}

/** How one kind is written down: its names, its schema and its rules. */
export interface KindSpec<T extends TypedObject> {
  /** "" for the core group. */
  group: string;
  version: string;
  kind: T["kind"];
  /** The plural, lower-case name in URLs: "pods", "deployments". */
  resource: string;
  singular: string;
  namespaced: boolean;
  /** The short names kubectl knows: "po", "deploy". */
  shortNames?: readonly string[];
  schema: z.ZodType<T>;
  /** Fills absent fields in place, as Kubernetes' defaulting does. */
  setDefaults?: (obj: T) => void;
  validate: (obj: T) => FieldError[];
  /** The rules an update must keep beyond `validate`, metadata rules included; without it, metadata rules only. */
  validateUpdate?: (obj: T, old: T) => FieldError[];
}

/** A kind as the apiserver sees it, over any object; `obj` of another kind is a programming error. */
export interface KindInfo<T extends TypedObject = TypedObject> {
  readonly group: string;
  readonly version: string;
  /** "v1" for the core group, else "group/version". */
  readonly apiVersion: string;
  readonly kind: string;
  readonly resource: string;
  readonly singular: string;
  readonly namespaced: boolean;
  readonly shortNames: readonly string[];
  readonly schema: z.ZodType<T>;
  /** True when `obj` is of this kind (apiVersion and kind match). */
  owns(obj: TypedObject): obj is T;
  /**
   * Decodes JSON as this kind, as Kubernetes admits a body: parse (unknown
   * fields when strict, wrong types), default, validate. Every problem at
   * once; never throws.
   */
  decode(input: unknown, unknownFields?: UnknownFieldPolicy): ParseResult<T>;
  /** A defaulted copy of `obj`; `obj` itself is left alone. */
  default(obj: T): T;
  /** Every problem with `obj`, as Kubernetes validates it on create. */
  validate(obj: TypedObject): FieldError[];
  /** Every rule `obj` breaks as an update of `old`: immutable fields and the like (not `validate`'s rules). */
  validateUpdate(obj: TypedObject, old: TypedObject): FieldError[];
}

/** Thrown when an object is handed to the wrong kind's functions: a bug in the caller, not bad input. */
export class KindMismatchError extends Error {
  constructor(expected: string, actual: string) {
    super(`expected an object of kind ${expected}, got ${actual}`);
    this.name = "KindMismatchError";
  }
}

/** Builds the KindInfo of one kind from its spec. */
export function defineKind<T extends TypedObject>(spec: KindSpec<T>): KindInfo<T> {
  const apiVersion = spec.group === "" ? spec.version : `${spec.group}/${spec.version}`;
  const owns = (obj: TypedObject): obj is T => obj.apiVersion === apiVersion && obj.kind === spec.kind;
  const mismatch = (obj: TypedObject): FieldError =>
    invalid(root("kind"), obj.kind, `expected ${spec.kind} of ${apiVersion}, got ${obj.kind} of ${obj.apiVersion}`);
  return {
    group: spec.group,
    version: spec.version,
    apiVersion,
    kind: spec.kind,
    resource: spec.resource,
    singular: spec.singular,
    namespaced: spec.namespaced,
    shortNames: spec.shortNames ?? [],
    schema: spec.schema,
    owns,
    decode(input, unknownFields) {
      const parsed = parseWith(spec.schema, input, unknownFields);
      if (!parsed.ok) return parsed;
      // The parsed object is fresh and ours: default it in place, no copy.
      spec.setDefaults?.(parsed.value);
      const errors = spec.validate(parsed.value);
      return errors.length > 0 ? { ok: false, errors } : parsed;
    },
    default(obj) {
      // Entries erased to a wider type can be handed any object; check what we got.
      const given: TypedObject = obj;
      if (!owns(given)) throw new KindMismatchError(`${apiVersion} ${spec.kind}`, `${given.apiVersion} ${given.kind}`);
      const copy = structuredClone(obj);
      spec.setDefaults?.(copy);
      return copy;
    },
    validate: (obj) => (owns(obj) ? spec.validate(obj) : [mismatch(obj)]),
    validateUpdate(obj, old) {
      if (!owns(obj)) return [mismatch(obj)];
      if (!owns(old)) return [mismatch(old)];
      return spec.validateUpdate ? spec.validateUpdate(obj, old) : validateObjectMetaUpdate(obj.metadata, old.metadata, root("metadata"));
    },
  };
}
