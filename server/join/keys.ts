/*
 * Where joining keeps its records in the store: under `/skiff/`, beside
 * (never inside) the API's `/registry/`, so no resource's list, watch or
 * watch cache ever reads them. Several servers on one etcd share them.
 */

/** Join tokens, by id. */
export const joinTokenPrefix = "/skiff/jointokens/";
/** Node credentials, by node name: one per node. */
export const nodeCredentialPrefix = "/skiff/nodecredentials/";

export const joinTokenKey = (id: string): string => `${joinTokenPrefix}${id}`;
export const nodeCredentialKey = (nodeName: string): string => `${nodeCredentialPrefix}${nodeName}`;
