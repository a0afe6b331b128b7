import { podSchema, type Pod } from "../../../src/api/core/v1/pod.js";

/** A Pod parsed from a literal, apiVersion and kind filled in, for tests. */
export function parsePod(pod: { metadata?: object; spec?: object; status?: object }): Pod {
  return podSchema.parse({ apiVersion: "v1", kind: "Pod", ...pod });
}
