import { randomBytes } from "node:crypto";
import type { Clock } from "../../src/clock.js";
import { conflict, invalid, unauthorized, type StatusError } from "../../src/errors/status.js";
import { isDNS1123Subdomain } from "../../src/api/validation/names.js";
import { invalid as invalidField } from "../../src/api/validation/field-error.js";
import type { JoinRequest, NodeCredentialAnswer } from "../../src/join/join-api.js";
import { isJoinTokenId } from "../../src/join/join-token.js";
import { objectKey } from "../apiserver/storage/keys.js";
import type { Store } from "../store/store.js";
import type { JoinTokenRecords } from "./join-token-records.js";
import { nodeCredentialKey } from "./keys.js";
import type { NodeCredentialCache } from "./node-credential-cache.js";
import type { NodeCredentialRecord } from "./node-credential-records.js";
import { matchesHash, secretHash } from "./secret-hash.js";

const nodes = { group: "", resource: "nodes", namespaced: false };

export interface NodeJoinDeps {
  store: Store;
  tokens: JoinTokenRecords;
  cache: NodeCredentialCache;
  clock: Clock;
}

/** A join that succeeded: the credential to answer with, and what the log says of it. */
export interface JoinOutcome {
  credential: NodeCredentialAnswer;
  joinTokenId: string;
  /** True when an older credential for the name (whose Node was deleted) was revoked. */
  replaced: boolean;
}

/**
 * The server's half of the join exchange: checks the join token (known,
 * secret right, not expired), then issues the node a credential of its own
 * for `system:node:<nodeName>`. A name already held by a credential is
 * refused while the Node of that name exists; once the admin deleted the
 * Node, a new join replaces (and so revokes) the old credential.
 *
 * @throws StatusError: 401 for a bad, unknown, deleted or expired token;
 *   422 for a bad node name; 409 for a name held by a live node.
 */
export async function joinNode(deps: NodeJoinDeps, request: JoinRequest): Promise<JoinOutcome> {
  const tokenId = await checkJoinToken(deps, request.token);
  const nameErrors = isDNS1123Subdomain(request.nodeName);
  if (nameErrors.length > 0) {
    throw invalid({ group: "skiff", kind: "JoinRequest" }, request.nodeName, [invalidField("nodeName", request.nodeName, nameErrors.join("; "))]);
  }

  const token = randomBytes(32).toString("base64url");
  const record: NodeCredentialRecord = {
    nodeName: request.nodeName,
    tokenHash: secretHash(token),
    createdAt: new Date(deps.clock.now()).toISOString(),
    joinTokenId: tokenId,
  };
  const key = nodeCredentialKey(request.nodeName);
  const held = await deps.store.get(key);
  if (held !== undefined && (await deps.store.get(objectKey(nodes, "", request.nodeName))) !== undefined) {
    throw nameTaken(request.nodeName);
  }
  const written = held === undefined
    ? await deps.store.create(key, JSON.stringify(record))
    : await deps.store.update(key, JSON.stringify(record), held.modRevision);
  // Another join for the same name got there first.
  if (!written.ok) throw nameTaken(request.nodeName);
  deps.cache.observe(written.kv);
  return { credential: { nodeName: request.nodeName, token }, joinTokenId: tokenId, replaced: held !== undefined };
}

const nameTaken = (nodeName: string): StatusError =>
  conflict(
    nodes,
    nodeName,
    `the node name is held by another node's credential; to let a new machine join as "${nodeName}", ` +
      `delete the Node first (kubectl delete node ${nodeName})`,
  );

/** The id of a valid join token `<id>.<secret>`; 401 with the reason otherwise. */
async function checkJoinToken(deps: NodeJoinDeps, presented: string): Promise<string> {
  const [id = "", secret = "", ...rest] = presented.split(".");
  if (!isJoinTokenId(id) || secret === "" || rest.length > 0) throw unauthorized("the join token is malformed: expected <id>.<secret>");
  const record = await deps.tokens.get(id);
  // A wrong secret reads as an unknown token: the answer must not tell which ids exist.
  if (record === undefined || !matchesHash(secret, record.secretHash)) {
    throw unauthorized(`join token "${id}" is not valid: it is unknown or was deleted (skiff token list shows the valid ones)`);
  }
  if (record.expiresAt !== null && Date.parse(record.expiresAt) <= deps.clock.now()) {
    throw unauthorized(`join token "${id}" expired at ${record.expiresAt}: make a new one with skiff token create`);
  }
  return id;
}
