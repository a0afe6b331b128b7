/**
 * A pod's volumes: every VolumeSource, with the projections and the ephemeral claim template they carry.
 * Field numbers and names as in k8s.io/api generated.proto (v0.36.3), checked
 * against the protobuf tags of its types.go, which also tell which fields are pointers.
 */
import { labelSelector, metadata, type MessageSchema } from "../schemas.js";
import { keyToPath, localObjectReference, objectFieldSelector, resourceFieldSelector, typedLocalObjectReference } from "./core-refs.js";

export const hostPathVolumeSource: MessageSchema = {
  1: { name: "path", type: "string" },
  2: { name: "type", type: "string", presence: true },
};

export const emptyDirVolumeSource: MessageSchema = {
  1: { name: "medium", type: "string" },
  2: { name: "sizeLimit", type: "quantity", presence: true },
};

export const gcePersistentDiskVolumeSource: MessageSchema = {
  1: { name: "pdName", type: "string" },
  2: { name: "fsType", type: "string" },
  3: { name: "partition", type: "int32" },
  4: { name: "readOnly", type: "bool" },
};

export const awsElasticBlockStoreVolumeSource: MessageSchema = {
  1: { name: "volumeID", type: "string" },
  2: { name: "fsType", type: "string" },
  3: { name: "partition", type: "int32" },
  4: { name: "readOnly", type: "bool" },
};

export const gitRepoVolumeSource: MessageSchema = {
  1: { name: "repository", type: "string" },
  2: { name: "revision", type: "string" },
  3: { name: "directory", type: "string" },
};

export const secretVolumeSource: MessageSchema = {
  1: { name: "secretName", type: "string" },
  2: { name: "items", type: { message: keyToPath }, repeated: true },
  3: { name: "defaultMode", type: "int32", presence: true },
  4: { name: "optional", type: "bool", presence: true },
};

export const nfsVolumeSource: MessageSchema = {
  1: { name: "server", type: "string" },
  2: { name: "path", type: "string" },
  3: { name: "readOnly", type: "bool" },
};

export const iscsiVolumeSource: MessageSchema = {
  1: { name: "targetPortal", type: "string" },
  2: { name: "iqn", type: "string" },
  3: { name: "lun", type: "int32" },
  4: { name: "iscsiInterface", type: "string" },
  5: { name: "fsType", type: "string" },
  6: { name: "readOnly", type: "bool" },
  7: { name: "portals", type: "string", repeated: true },
  8: { name: "chapAuthDiscovery", type: "bool" },
  10: { name: "secretRef", type: { message: localObjectReference } },
  11: { name: "chapAuthSession", type: "bool" },
  12: { name: "initiatorName", type: "string", presence: true },
};

export const glusterfsVolumeSource: MessageSchema = {
  1: { name: "endpoints", type: "string" },
  2: { name: "path", type: "string" },
  3: { name: "readOnly", type: "bool" },
};

export const persistentVolumeClaimVolumeSource: MessageSchema = {
  1: { name: "claimName", type: "string" },
  2: { name: "readOnly", type: "bool" },
};

export const rbdVolumeSource: MessageSchema = {
  1: { name: "monitors", type: "string", repeated: true },
  2: { name: "image", type: "string" },
  3: { name: "fsType", type: "string" },
  4: { name: "pool", type: "string" },
  5: { name: "user", type: "string" },
  6: { name: "keyring", type: "string" },
  7: { name: "secretRef", type: { message: localObjectReference } },
  8: { name: "readOnly", type: "bool" },
};

export const flexVolumeSource: MessageSchema = {
  1: { name: "driver", type: "string" },
  2: { name: "fsType", type: "string" },
  3: { name: "secretRef", type: { message: localObjectReference } },
  4: { name: "readOnly", type: "bool" },
  5: { name: "options", type: { map: "string" } },
};

export const cinderVolumeSource: MessageSchema = {
  1: { name: "volumeID", type: "string" },
  2: { name: "fsType", type: "string" },
  3: { name: "readOnly", type: "bool" },
  4: { name: "secretRef", type: { message: localObjectReference } },
};

export const cephFSVolumeSource: MessageSchema = {
  1: { name: "monitors", type: "string", repeated: true },
  2: { name: "path", type: "string" },
  3: { name: "user", type: "string" },
  4: { name: "secretFile", type: "string" },
  5: { name: "secretRef", type: { message: localObjectReference } },
  6: { name: "readOnly", type: "bool" },
};

export const flockerVolumeSource: MessageSchema = {
  1: { name: "datasetName", type: "string" },
  2: { name: "datasetUUID", type: "string" },
};

export const downwardAPIVolumeFile: MessageSchema = {
  1: { name: "path", type: "string" },
  2: { name: "fieldRef", type: { message: objectFieldSelector } },
  3: { name: "resourceFieldRef", type: { message: resourceFieldSelector } },
  4: { name: "mode", type: "int32", presence: true },
};

export const downwardAPIVolumeSource: MessageSchema = {
  1: { name: "items", type: { message: downwardAPIVolumeFile }, repeated: true },
  2: { name: "defaultMode", type: "int32", presence: true },
};

export const fcVolumeSource: MessageSchema = {
  1: { name: "targetWWNs", type: "string", repeated: true },
  2: { name: "lun", type: "int32", presence: true },
  3: { name: "fsType", type: "string" },
  4: { name: "readOnly", type: "bool" },
  5: { name: "wwids", type: "string", repeated: true },
};

export const azureFileVolumeSource: MessageSchema = {
  1: { name: "secretName", type: "string" },
  2: { name: "shareName", type: "string" },
  3: { name: "readOnly", type: "bool" },
};

export const configMapVolumeSource: MessageSchema = {
  1: { name: "localObjectReference", type: { message: localObjectReference }, inline: true },
  2: { name: "items", type: { message: keyToPath }, repeated: true },
  3: { name: "defaultMode", type: "int32", presence: true },
  4: { name: "optional", type: "bool", presence: true },
};

export const vsphereVirtualDiskVolumeSource: MessageSchema = {
  1: { name: "volumePath", type: "string" },
  2: { name: "fsType", type: "string" },
  3: { name: "storagePolicyName", type: "string" },
  4: { name: "storagePolicyID", type: "string" },
};

export const quobyteVolumeSource: MessageSchema = {
  1: { name: "registry", type: "string" },
  2: { name: "volume", type: "string" },
  3: { name: "readOnly", type: "bool" },
  4: { name: "user", type: "string" },
  5: { name: "group", type: "string" },
  6: { name: "tenant", type: "string" },
};

export const azureDiskVolumeSource: MessageSchema = {
  1: { name: "diskName", type: "string" },
  2: { name: "diskURI", type: "string" },
  3: { name: "cachingMode", type: "string", presence: true },
  4: { name: "fsType", type: "string", presence: true },
  5: { name: "readOnly", type: "bool", presence: true },
  6: { name: "kind", type: "string", presence: true },
};

export const photonPersistentDiskVolumeSource: MessageSchema = {
  1: { name: "pdID", type: "string" },
  2: { name: "fsType", type: "string" },
};

export const secretProjection: MessageSchema = {
  1: { name: "localObjectReference", type: { message: localObjectReference }, inline: true },
  2: { name: "items", type: { message: keyToPath }, repeated: true },
  4: { name: "optional", type: "bool", presence: true },
};

export const downwardAPIProjection: MessageSchema = {
  1: { name: "items", type: { message: downwardAPIVolumeFile }, repeated: true },
};

export const configMapProjection: MessageSchema = {
  1: { name: "localObjectReference", type: { message: localObjectReference }, inline: true },
  2: { name: "items", type: { message: keyToPath }, repeated: true },
  4: { name: "optional", type: "bool", presence: true },
};

export const serviceAccountTokenProjection: MessageSchema = {
  1: { name: "audience", type: "string" },
  2: { name: "expirationSeconds", type: "int64", presence: true },
  3: { name: "path", type: "string" },
};

export const clusterTrustBundleProjection: MessageSchema = {
  1: { name: "name", type: "string", presence: true },
  2: { name: "signerName", type: "string", presence: true },
  3: { name: "labelSelector", type: { message: labelSelector } },
  4: { name: "path", type: "string" },
  5: { name: "optional", type: "bool", presence: true },
};

export const podCertificateProjection: MessageSchema = {
  1: { name: "signerName", type: "string" },
  2: { name: "keyType", type: "string" },
  3: { name: "maxExpirationSeconds", type: "int32", presence: true },
  4: { name: "credentialBundlePath", type: "string" },
  5: { name: "keyPath", type: "string" },
  6: { name: "certificateChainPath", type: "string" },
  7: { name: "userAnnotations", type: { map: "string" } },
};

export const volumeProjection: MessageSchema = {
  1: { name: "secret", type: { message: secretProjection } },
  2: { name: "downwardAPI", type: { message: downwardAPIProjection } },
  3: { name: "configMap", type: { message: configMapProjection } },
  4: { name: "serviceAccountToken", type: { message: serviceAccountTokenProjection } },
  5: { name: "clusterTrustBundle", type: { message: clusterTrustBundleProjection } },
  6: { name: "podCertificate", type: { message: podCertificateProjection } },
};

export const projectedVolumeSource: MessageSchema = {
  1: { name: "sources", type: { message: volumeProjection }, repeated: true },
  2: { name: "defaultMode", type: "int32", presence: true },
};

export const portworxVolumeSource: MessageSchema = {
  1: { name: "volumeID", type: "string" },
  2: { name: "fsType", type: "string" },
  3: { name: "readOnly", type: "bool" },
};

export const scaleIOVolumeSource: MessageSchema = {
  1: { name: "gateway", type: "string" },
  2: { name: "system", type: "string" },
  3: { name: "secretRef", type: { message: localObjectReference } },
  4: { name: "sslEnabled", type: "bool" },
  5: { name: "protectionDomain", type: "string" },
  6: { name: "storagePool", type: "string" },
  7: { name: "storageMode", type: "string" },
  8: { name: "volumeName", type: "string" },
  9: { name: "fsType", type: "string" },
  10: { name: "readOnly", type: "bool" },
};

export const storageOSVolumeSource: MessageSchema = {
  1: { name: "volumeName", type: "string" },
  2: { name: "volumeNamespace", type: "string" },
  3: { name: "fsType", type: "string" },
  4: { name: "readOnly", type: "bool" },
  5: { name: "secretRef", type: { message: localObjectReference } },
};

export const csiVolumeSource: MessageSchema = {
  1: { name: "driver", type: "string" },
  2: { name: "readOnly", type: "bool", presence: true },
  3: { name: "fsType", type: "string", presence: true },
  4: { name: "volumeAttributes", type: { map: "string" } },
  5: { name: "nodePublishSecretRef", type: { message: localObjectReference } },
};

export const volumeResourceRequirements: MessageSchema = {
  1: { name: "limits", type: { map: "quantity" } },
  2: { name: "requests", type: { map: "quantity" } },
};

export const typedObjectReference: MessageSchema = {
  1: { name: "apiGroup", type: "string", presence: true },
  2: { name: "kind", type: "string" },
  3: { name: "name", type: "string" },
  4: { name: "namespace", type: "string", presence: true },
};

export const persistentVolumeClaimSpec: MessageSchema = {
  1: { name: "accessModes", type: "string", repeated: true },
  2: { name: "resources", type: { message: volumeResourceRequirements } },
  3: { name: "volumeName", type: "string" },
  4: { name: "selector", type: { message: labelSelector } },
  5: { name: "storageClassName", type: "string", presence: true },
  6: { name: "volumeMode", type: "string", presence: true },
  7: { name: "dataSource", type: { message: typedLocalObjectReference } },
  8: { name: "dataSourceRef", type: { message: typedObjectReference } },
  9: { name: "volumeAttributesClassName", type: "string", presence: true },
};

export const persistentVolumeClaimTemplate: MessageSchema = {
  1: metadata,
  2: { name: "spec", type: { message: persistentVolumeClaimSpec } },
};

export const ephemeralVolumeSource: MessageSchema = {
  1: { name: "volumeClaimTemplate", type: { message: persistentVolumeClaimTemplate } },
};

export const imageVolumeSource: MessageSchema = {
  1: { name: "reference", type: "string" },
  2: { name: "pullPolicy", type: "string" },
};

export const volumeSource: MessageSchema = {
  1: { name: "hostPath", type: { message: hostPathVolumeSource } },
  2: { name: "emptyDir", type: { message: emptyDirVolumeSource } },
  3: { name: "gcePersistentDisk", type: { message: gcePersistentDiskVolumeSource } },
  4: { name: "awsElasticBlockStore", type: { message: awsElasticBlockStoreVolumeSource } },
  5: { name: "gitRepo", type: { message: gitRepoVolumeSource } },
  6: { name: "secret", type: { message: secretVolumeSource } },
  7: { name: "nfs", type: { message: nfsVolumeSource } },
  8: { name: "iscsi", type: { message: iscsiVolumeSource } },
  9: { name: "glusterfs", type: { message: glusterfsVolumeSource } },
  10: { name: "persistentVolumeClaim", type: { message: persistentVolumeClaimVolumeSource } },
  11: { name: "rbd", type: { message: rbdVolumeSource } },
  12: { name: "flexVolume", type: { message: flexVolumeSource } },
  13: { name: "cinder", type: { message: cinderVolumeSource } },
  14: { name: "cephfs", type: { message: cephFSVolumeSource } },
  15: { name: "flocker", type: { message: flockerVolumeSource } },
  16: { name: "downwardAPI", type: { message: downwardAPIVolumeSource } },
  17: { name: "fc", type: { message: fcVolumeSource } },
  18: { name: "azureFile", type: { message: azureFileVolumeSource } },
  19: { name: "configMap", type: { message: configMapVolumeSource } },
  20: { name: "vsphereVolume", type: { message: vsphereVirtualDiskVolumeSource } },
  21: { name: "quobyte", type: { message: quobyteVolumeSource } },
  22: { name: "azureDisk", type: { message: azureDiskVolumeSource } },
  23: { name: "photonPersistentDisk", type: { message: photonPersistentDiskVolumeSource } },
  24: { name: "portworxVolume", type: { message: portworxVolumeSource } },
  25: { name: "scaleIO", type: { message: scaleIOVolumeSource } },
  26: { name: "projected", type: { message: projectedVolumeSource } },
  27: { name: "storageos", type: { message: storageOSVolumeSource } },
  28: { name: "csi", type: { message: csiVolumeSource } },
  29: { name: "ephemeral", type: { message: ephemeralVolumeSource } },
  30: { name: "image", type: { message: imageVolumeSource } },
};

export const volume: MessageSchema = {
  1: { name: "name", type: "string" },
  2: { name: "volumeSource", type: { message: volumeSource }, inline: true },
};
