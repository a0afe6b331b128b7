import type { Toleration } from "../../api/core/v1/scheduling.js";
import type { PodTemplateSpec } from "../../api/core/v1/pod-template.js";
import { describeContainers } from "./container-description.js";
import { PrefixText } from "./prefix-text.js";
import { describeTopologySpread, describeVolumes } from "./volume-description.js";

/**
 * A pod template as kubectl's DescribePodTemplate prints it (what
 * `rollout history --revision N` shows): labels, annotations, containers,
 * volumes and scheduling, cells separated by raw tabs.
 *
 * @example
 * describePodTemplate(template); // "Pod Template:\n  Labels:\tapp=web\n  Containers:\n   main:\n    Image:\tnginx:1\n..."
 */
export function describePodTemplate(template: PodTemplateSpec): string {
  const text = new PrefixText();
  const { metadata, spec } = template;
  text.write(0, "Pod Template:\n");
  writeMap(text, "  Labels", metadata.labels ?? {});
  if (Object.keys(metadata.annotations ?? {}).length > 0) writeAnnotations(text, "  Annotations", metadata.annotations ?? {});
  if (spec.serviceAccountName) text.write(1, `Service Account:\t${spec.serviceAccountName}\n`);
  if ((spec.initContainers ?? []).length > 0) describeContainers(text, "Init Containers", spec.initContainers ?? []);
  describeContainers(text, "Containers", spec.containers);
  describeVolumes(text, spec.volumes ?? []);
  describeTopologySpread(text, spec.topologySpreadConstraints ?? []);
  if (spec.priorityClassName) text.write(1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  writeMap(text, "  Node-Selectors", spec.nodeSelector ?? {});
  writeTolerations(text, "  Tolerations", spec.tolerations ?? []);
  return text.toString();
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** kubectl's printLabelsMultiline: `key=value` per line, sorted, the first beside the title. */
function writeMap(text: PrefixText, title: string, map: Readonly<Record<string, string>>): void {
  const keys = Object.keys(map).sort(byText);
  if (keys.length === 0) {
    text.write(0, `${title}:\t<none>\n`);
    return;
  }
  keys.forEach((key, i) => text.write(0, `${i === 0 ? `${title}:` : ""}\t${key}=${map[key]}\n`));
}

// kubectl's own bookkeeping, never shown.
const hiddenAnnotations = new Set(["kubectl.kubernetes.io/last-applied-configuration"]);
const maxAnnotationLength = 140;

/** kubectl's printAnnotationsMultiline: long or multi-line values go under their key, cut at 140 characters. */
function writeAnnotations(text: PrefixText, title: string, annotations: Readonly<Record<string, string>>): void {
  const keys = Object.keys(annotations)
    .filter((key) => !hiddenAnnotations.has(key))
    .sort(byText);
  if (keys.length === 0) {
    text.write(0, `${title}:\t<none>\n`);
    return;
  }
  keys.forEach((key, i) => {
    const lead = i === 0 ? `${title}:\t` : "\t";
    const value = annotations[key]!.replace(/\n$/, "");
    if (value.length + key.length + 2 > maxAnnotationLength || value.includes("\n")) {
      text.write(0, `${lead}${key}:\n`);
      for (const line of value.split("\n")) {
        const shown = line.length > maxAnnotationLength - 2 ? `${line.slice(0, maxAnnotationLength - 2)}...` : line;
        text.write(0, `\t  ${shown}\n`);
      }
    } else {
      text.write(0, `${lead}${key}: ${value}\n`);
    }
  });
}

/** kubectl's printTolerationsMultiline: `key=value:Effect op=Exists for Ns`, sorted by key. */
function writeTolerations(text: PrefixText, title: string, tolerations: readonly Toleration[]): void {
  if (tolerations.length === 0) {
    text.write(0, `${title}:\t<none>\n`);
    return;
  }
  const sorted = [...tolerations].sort((a, b) => byText(a.key ?? "", b.key ?? ""));
  sorted.forEach((toleration, i) => {
    const { key = "", value = "", effect = "" } = toleration;
    let line = `${i === 0 ? `${title}:` : ""}\t${key}`;
    if (value) line += `=${value}`;
    if (effect) line += `:${effect}`;
    // An Exists toleration without a value tolerates everything of its key (or everything at all).
    if (toleration.operator === "Exists" && !value) line += key || effect ? " op=Exists" : "op=Exists";
    if (toleration.tolerationSeconds !== undefined) line += ` for ${toleration.tolerationSeconds}s`;
    text.write(0, `${line}\n`);
  });
}
