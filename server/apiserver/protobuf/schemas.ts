/**
 * Field numbers of the Kubernetes types skiff decodes from protobuf, as in
 * k8s.io/api's generated.proto: the messages every kind shares here, the
 * kinds themselves by group under kinds/. A field number not listed is
 * refused, never dropped.
 */

/**
 * How a field's value is read. `int32`/`int64` are varints of that width
 * (`int` is an int64 too); `time` is a metav1.Time, `quantity` a
 * resource.Quantity and `intOrString` an intstr.IntOrString, each carried
 * as a message but written in JSON as the text or number it stands for.
 */
export type ScalarType = "string" | "bytes" | "int" | "int32" | "int64" | "bool" | "time" | "quantity" | "intOrString";

export type FieldType = ScalarType | { message: MessageSchema } | { map: ScalarType };

export interface FieldSpec {
  name: string;
  type: FieldType;
  repeated?: boolean;
  /**
   * The Go field is a pointer, so a zero value was set on purpose
   * (`replicas: 0`, `automountServiceAccountToken: false`) and is kept.
   * Go writes every other scalar even when it holds its zero value, which
   * means "not set": those are left out, as Go's JSON decoding would have
   * left them unset.
   */
  presence?: boolean;
  /** The message's fields sit in the parent object in JSON (Go's `json:",inline"`, e.g. a Volume's VolumeSource). */
  inline?: boolean;
}

export type MessageSchema = { readonly [field: number]: FieldSpec };

export const ownerReference: MessageSchema = {
  1: { name: "kind", type: "string" },
  3: { name: "name", type: "string" },
  4: { name: "uid", type: "string" },
  5: { name: "apiVersion", type: "string" },
  6: { name: "controller", type: "bool", presence: true },
  7: { name: "blockOwnerDeletion", type: "bool", presence: true },
};

export const objectMeta: MessageSchema = {
  1: { name: "name", type: "string" },
  2: { name: "generateName", type: "string" },
  3: { name: "namespace", type: "string" },
  4: { name: "selfLink", type: "string" },
  5: { name: "uid", type: "string" },
  6: { name: "resourceVersion", type: "string" },
  7: { name: "generation", type: "int64" },
  8: { name: "creationTimestamp", type: "time" },
  9: { name: "deletionTimestamp", type: "time" },
  10: { name: "deletionGracePeriodSeconds", type: "int64", presence: true },
  11: { name: "labels", type: { map: "string" } },
  12: { name: "annotations", type: { map: "string" } },
  13: { name: "ownerReferences", type: { message: ownerReference }, repeated: true },
  14: { name: "finalizers", type: "string", repeated: true },
};

export const objectReference: MessageSchema = {
  1: { name: "kind", type: "string" },
  2: { name: "namespace", type: "string" },
  3: { name: "name", type: "string" },
  4: { name: "uid", type: "string" },
  5: { name: "apiVersion", type: "string" },
  6: { name: "resourceVersion", type: "string" },
  7: { name: "fieldPath", type: "string" },
};

export const metadata: FieldSpec = { name: "metadata", type: { message: objectMeta } };

export const labelSelectorRequirement: MessageSchema = {
  1: { name: "key", type: "string" },
  2: { name: "operator", type: "string" },
  3: { name: "values", type: "string", repeated: true },
};

export const labelSelector: MessageSchema = {
  1: { name: "matchLabels", type: { map: "string" } },
  2: { name: "matchExpressions", type: { message: labelSelectorRequirement }, repeated: true },
};

/** metav1.Condition, as status conditions of newer types carry it. */
export const condition: MessageSchema = {
  1: { name: "type", type: "string" },
  2: { name: "status", type: "string" },
  3: { name: "observedGeneration", type: "int64" },
  4: { name: "lastTransitionTime", type: "time" },
  5: { name: "reason", type: "string" },
  6: { name: "message", type: "string" },
};
