import { atomicStruct, listMap, map, setList, struct, type TypeSchema } from "./type-schema.js";

/** metav1.ObjectMeta: labels and annotations per key, owner references per uid (each whole), finalizers per value. */
export const objectMeta: TypeSchema = struct({
  labels: map(),
  annotations: map(),
  ownerReferences: listMap(["uid"], atomicStruct),
  finalizers: setList,
});

/** metav1.LabelSelector is owned whole (`+structType=atomic`). */
export const labelSelector: TypeSchema = atomicStruct;
