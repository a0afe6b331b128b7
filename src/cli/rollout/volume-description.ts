import { selectorFromLabelSelector } from "../../api/labels/index.js";
import type { TopologySpreadConstraint } from "../../api/core/v1/scheduling.js";
import type { Volume } from "../../api/core/v1/volume.js";
import { parseQuantity } from "../../api/quantity.js";
import type { PrefixText } from "./prefix-text.js";

/** The volumes of a pod template as kubectl describe prints them, one block per volume kind skiff serves. */
export function describeVolumes(text: PrefixText, volumes: readonly Volume[]): void {
  if (volumes.length === 0) {
    text.write(0, "  Volumes:\t<none>\n");
    return;
  }
  text.write(0, "  Volumes:\n");
  for (const volume of volumes) {
    text.write(1, ` ${volume.name}:\n`);
    text.write(2, volumeLines(volume).join("\n    ") + "\n");
  }
}

/** The lines under a volume's name: its Type first, then its fields (the first written at level 2, the rest indented by hand, as kubectl does). */
function volumeLines(volume: Volume): string[] {
  if (volume.hostPath) {
    return ["Type:\tHostPath (bare host directory volume)", `Path:\t${volume.hostPath.path}`, `HostPathType:\t${volume.hostPath.type ?? "<none>"}`];
  }
  if (volume.emptyDir) {
    const limit = volume.emptyDir.sizeLimit === undefined ? undefined : parseQuantity(volume.emptyDir.sizeLimit);
    const sizeLimit = limit?.ok && limit.value.sign() > 0 ? limit.value.toString() : "<unset>";
    return ["Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)", `Medium:\t${volume.emptyDir.medium ?? ""}`, `SizeLimit:\t${sizeLimit}`];
  }
  if (volume.secret) {
    return ["Type:\tSecret (a volume populated by a Secret)", `SecretName:\t${volume.secret.secretName ?? ""}`, `Optional:\t${volume.secret.optional === true}`];
  }
  if (volume.configMap) {
    return ["Type:\tConfigMap (a volume populated by a ConfigMap)", `Name:\t${volume.configMap.name ?? ""}`, `Optional:\t${volume.configMap.optional === true}`];
  }
  if (volume.nfs) {
    const { server, path, readOnly } = volume.nfs;
    return ["Type:\tNFS (an NFS mount that lasts the lifetime of a pod)", `Server:\t${server}`, `Path:\t${path}`, `ReadOnly:\t${readOnly === true}`];
  }
  if (volume.persistentVolumeClaim) {
    const { claimName, readOnly } = volume.persistentVolumeClaim;
    return ["Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)", `ClaimName:\t${claimName}`, `ReadOnly:\t${readOnly === true}`];
  }
  if (volume.downwardAPI) {
    const items = (volume.downwardAPI.items ?? []).flatMap((item) => [
      ...(item.fieldRef ? [`  ${item.fieldRef.fieldPath} -> ${item.path}`] : []),
      ...(item.resourceFieldRef ? [`  ${item.resourceFieldRef.resource} -> ${item.path}`] : []),
    ]);
    return ["Type:\tDownwardAPI (a volume populated by information about the pod)", "Items:", ...items];
  }
  if (volume.projected) return projectedLines(volume.projected.sources ?? []);
  if (volume.csi) return csiLines(volume.csi);
  if (volume.image) {
    const { reference = "", pullPolicy = "" } = volume.image;
    return ["Type:\tImage (a container image or OCI artifact)", `Reference:\t${reference}`, `PullPolicy:\t${pullPolicy}`];
  }
  return ["<unknown>"];
}

type Projection = NonNullable<NonNullable<Volume["projected"]>["sources"]>[number];

// kubectl prints the projections' optional flags with Go's %v of a pointer: "<nil>" when unset.
const optionalFlag = (value: boolean | undefined): string => (value === undefined ? "<nil>" : String(value));

function projectedLines(sources: readonly Projection[]): string[] {
  const lines = ["Type:\tProjected (a volume that contains injected data from multiple sources)"];
  for (const source of sources) {
    if (source.secret) lines.push(`SecretName:\t${source.secret.name ?? ""}`, `SecretOptionalName:\t${optionalFlag(source.secret.optional)}`);
    else if (source.downwardAPI) lines.push("DownwardAPI:\ttrue");
    else if (source.configMap) lines.push(`ConfigMapName:\t${source.configMap.name ?? ""}`, `ConfigMapOptional:\t${optionalFlag(source.configMap.optional)}`);
    else if (source.serviceAccountToken) lines.push(`TokenExpirationSeconds:\t${source.serviceAccountToken.expirationSeconds ?? 0}`);
  }
  return lines;
}

const maxAttributeLength = 140;

function csiLines(csi: NonNullable<Volume["csi"]>): string[] {
  const lines = ["Type:\tCSI (a Container Storage Interface (CSI) volume source)", `Driver:\t${csi.driver}`, `FSType:\t${csi.fsType ?? ""}`, `ReadOnly:\t${csi.readOnly === true}`];
  const attributes = Object.entries(csi.volumeAttributes ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (attributes.length === 0) return [...lines, "VolumeAttributes:\t<none>"];
  // kubectl indents every piece of these lines by itself, hence the inner spaces.
  attributes.forEach(([key, value], i) => {
    const line = `${key}=${value}`;
    const shown = line.length > maxAttributeLength ? `${line.slice(0, maxAttributeLength)}...` : line;
    lines.push(i === 0 ? `VolumeAttributes:\t    ${shown}` : `    \t    ${shown}`);
  });
  return lines;
}

/** kubectl's topology spread constraints line, sorted by topology key; nothing when there are none. */
export function describeTopologySpread(text: PrefixText, constraints: readonly TopologySpreadConstraint[]): void {
  if (constraints.length === 0) return;
  const sorted = [...constraints].sort((a, b) => (a.topologyKey < b.topologyKey ? -1 : a.topologyKey > b.topologyKey ? 1 : 0));
  sorted.forEach((constraint, i) => {
    let line = `${i === 0 ? "  Topology Spread Constraints:\t" : "  \t"}${constraint.topologyKey}:${constraint.whenUnsatisfiable} when max skew ${constraint.maxSkew} is exceeded`;
    if (constraint.labelSelector) {
      const selector = selectorFromLabelSelector(constraint.labelSelector);
      line += ` for selector ${selector.ok ? selector.value.toString() || "<none>" : "<error>"}`;
    }
    text.write(0, `${line}\n`);
  });
}
