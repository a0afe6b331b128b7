/** The label that tells a Deployment's ReplicaSets, and their pods, apart. */
export const podTemplateHashLabel = "pod-template-hash";
