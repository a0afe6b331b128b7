import { defaultTokenExpirationSeconds } from "../../../src/api/authentication/v1/token-request.js";
import type { Pod } from "../../../src/api/core/v1/pod.js";
import type { VolumeProjection } from "../../../src/api/core/v1/volume.js";
import type { Clock } from "../../../src/clock.js";
import type { Logger } from "../../../src/log.js";

/** What the agent asks of the TokenRequest API: a token bound to one of its pods. */
export interface PodTokenRequest {
  /** Empty: the API server's own audience. */
  audiences?: string[];
  expirationSeconds: number;
  boundObjectRef: { kind: "Pod"; apiVersion: "v1"; name: string; uid: string };
}

export interface IssuedToken {
  token: string;
  expirationTimestamp: Date;
}

/** POST serviceaccounts/NAME/token as the node (`restTokenRequester` over the RestClient). */
export type RequestToken = (namespace: string, serviceAccount: string, request: PodTokenRequest) => Promise<IssuedToken>;

export type ServiceAccountTokenProjection = NonNullable<VolumeProjection["serviceAccountToken"]>;

/** The tokens of pods' serviceAccountToken projections. */
export interface PodTokenSource {
  /** Throws with the kubelet's message when there is no valid token to write. */
  token(pod: Pod, projection: ServiceAccountTokenProjection): Promise<string>;
  forget(podUid: string): void;
}

export interface ServiceAccountTokensOptions {
  requestToken: RequestToken;
  clock: Clock;
  log: Logger;
  /** In [0, 1): spreads the refreshes of tokens issued together; Math.random unless a test fixes it. */
  random?: () => number;
}

interface CachedToken {
  podUid: string;
  token: string;
  expiresAt: number;
  ttlMs: number;
}

// The kubelet's token manager: no token lives longer than a day, and refreshes start up to 10 s early, at random.
const maxTokenAgeMs = 24 * 60 * 60 * 1000;
const maxJitterMs = 10_000;

/**
 * The kubelet's token manager: one bound token per pod, audience and
 * lifetime, requested from the TokenRequest API and kept until 80 % of its
 * lifetime (or 24 h) has passed. A failed refresh keeps the old token while
 * it is still valid; only without one does `token` throw. `forget` drops a
 * released pod's tokens; expired tokens are dropped as they are met.
 */
export class ServiceAccountTokens implements PodTokenSource {
  private readonly cache = new Map<string, CachedToken>();
  private readonly random: () => number;

  constructor(private readonly options: ServiceAccountTokensOptions) {
    this.random = options.random ?? Math.random;
  }

  async token(pod: Pod, projection: ServiceAccountTokenProjection): Promise<string> {
    const namespace = pod.metadata.namespace ?? "";
    // The server's admission always names one; `default` is what it would have named.
    const serviceAccount = pod.spec.serviceAccountName || "default";
    const podUid = pod.metadata.uid ?? "";
    const expirationSeconds = projection.expirationSeconds ?? defaultTokenExpirationSeconds;
    const request: PodTokenRequest = {
      ...(projection.audience ? { audiences: [projection.audience] } : {}),
      expirationSeconds,
      boundObjectRef: { kind: "Pod", apiVersion: "v1", name: pod.metadata.name ?? "", uid: podUid },
    };
    // Names what the token is for, never the token: safe to log.
    const key = `${namespace}/${serviceAccount} for pod ${request.boundObjectRef.name} (${podUid}), audience "${projection.audience ?? ""}", ${expirationSeconds} s`;
    const cached = this.cache.get(key);
    this.dropExpired();
    if (cached && !this.needsRefresh(cached)) return cached.token;

    let issued: IssuedToken;
    try {
      issued = await this.options.requestToken(namespace, serviceAccount, request);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!cached) throw new Error(`failed to fetch token: ${message}`);
      if (this.expired(cached)) throw new Error(`token ${key} expired and refresh failed: ${message}`);
      this.options.log.error({ token: key, err: message }, "couldn't update token");
      return cached.token;
    }
    this.cache.set(key, { podUid, token: issued.token, expiresAt: issued.expirationTimestamp.getTime(), ttlMs: expirationSeconds * 1000 });
    return issued.token;
  }

  forget(podUid: string): void {
    for (const [key, cached] of this.cache) if (cached.podUid === podUid) this.cache.delete(key);
  }

  /** Past 80 % of its lifetime, or a day old (give or take the jitter). */
  private needsRefresh(cached: CachedToken): boolean {
    const now = this.options.clock.now();
    const jitter = Math.floor(this.random() * (maxJitterMs / 1000)) * 1000;
    const issuedAt = cached.expiresAt - cached.ttlMs;
    if (now > issuedAt + maxTokenAgeMs - jitter) return true;
    return now > cached.expiresAt - cached.ttlMs * 0.2 - jitter;
  }

  private expired(cached: CachedToken): boolean {
    return this.options.clock.now() > cached.expiresAt;
  }

  private dropExpired(): void {
    for (const [key, cached] of this.cache) if (this.expired(cached)) this.cache.delete(key);
  }
}
