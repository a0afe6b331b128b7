import type { Taint } from "../../src/api/core/v1/node.js";
import { isQualifiedName, isValidLabelValue } from "../../src/api/validation/names.js";
import { forbiddenNodeLabels } from "../../src/api/core/v1/kubelet-labels.js";

/** A `--node-label` or `--node-taint` the server would refuse, caught before the agent registers. */
export class NodeFlagError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NodeFlagError";
  }
}

const taintEffects = new Set(["NoSchedule", "PreferNoSchedule", "NoExecute"]);

function checkKeyValue(flag: string, text: string, key: string, value: string): void {
  const problems = [...isQualifiedName(key).map((p) => `key: ${p}`), ...isValidLabelValue(value).map((p) => `value: ${p}`)];
  if (problems.length > 0) throw new NodeFlagError(`${flag} "${text}": ${problems.join("; ")}`);
}

/**
 * `--node-label key=value` flags as labels. A node may only set labels the
 * server's NodeRestriction lets it set (none under kubernetes.io / k8s.io
 * but the kubelet's own, none under node-restriction.kubernetes.io), so a
 * refused one stops the agent here with the reason instead of at registration.
 *
 * @throws NodeFlagError
 */
export function parseNodeLabels(flags: readonly string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const text of flags) {
    const equals = text.indexOf("=");
    if (equals < 0) throw new NodeFlagError(`--node-label "${text}": expected key=value`);
    const key = text.slice(0, equals);
    const value = text.slice(equals + 1);
    checkKeyValue("--node-label", text, key, value);
    labels[key] = value;
  }
  const refused = forbiddenNodeLabels(Object.keys(labels));
  if (refused.length > 0) {
    throw new NodeFlagError(`--node-label: a node may not set ${refused.join(", ")} on itself (the server's NodeRestriction refuses them; an admin may set them)`);
  }
  return labels;
}

/**
 * `--node-taint key[=value]:Effect` flags as taints, as the kubelet's
 * --register-with-taints.
 *
 * @throws NodeFlagError
 */
export function parseNodeTaints(flags: readonly string[]): Taint[] {
  const taints: Taint[] = [];
  for (const text of flags) {
    const colon = text.lastIndexOf(":");
    if (colon < 0) throw new NodeFlagError(`--node-taint "${text}": expected key=value:Effect`);
    const effect = text.slice(colon + 1);
    const pair = text.slice(0, colon);
    const equals = pair.indexOf("=");
    const key = equals < 0 ? pair : pair.slice(0, equals);
    const value = equals < 0 ? "" : pair.slice(equals + 1);
    checkKeyValue("--node-taint", text, key, value);
    if (!taintEffects.has(effect)) throw new NodeFlagError(`--node-taint "${text}": the effect must be NoSchedule, PreferNoSchedule or NoExecute`);
    if (taints.some((taint) => taint.key === key && taint.effect === effect)) {
      throw new NodeFlagError(`--node-taint "${text}": a taint with this key and effect is given twice`);
    }
    taints.push({ key, ...(value ? { value } : {}), effect });
  }
  return taints;
}

/** The labels the kubelet puts on its Node, then the operator's own. */
export function nodeLabels(nodeName: string, architecture: string, extra: Record<string, string>): Record<string, string> {
  return {
    "beta.kubernetes.io/arch": architecture,
    "beta.kubernetes.io/os": "linux",
    "kubernetes.io/arch": architecture,
    "kubernetes.io/hostname": nodeName,
    "kubernetes.io/os": "linux",
    ...extra,
  };
}
