import { realClock, sleep, type Clock } from "../../clock.js";
import { StatusError } from "../../errors/status.js";
import type { ClientConfig } from "./client-config.js";
import { resourcePath, withQuery, type ResourceRef } from "./paths.js";
import { statusErrorFrom } from "./status-from-response.js";
import { Transport, TransportError, type TransportRequest } from "./transport.js";

export type PatchType = "json" | "merge" | "strategic" | "apply";

const patchContentTypes: Record<PatchType, string> = {
  json: "application/json-patch+json",
  merge: "application/merge-patch+json",
  strategic: "application/strategic-merge-patch+json",
  apply: "application/apply-patch+yaml",
};

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: "Exact" | "NotOlderThan";
}

export interface WriteOptions {
  fieldManager?: string;
  fieldValidation?: "Strict" | "Warn" | "Ignore";
  dryRun?: boolean;
}

export interface RetryPolicy {
  /** Attempts in all, first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

const defaultRetry: RetryPolicy = { attempts: 5, baseDelayMs: 200, maxDelayMs: 5_000 };

/** An object as the client sees it: plain JSON with metadata. */
export interface ApiObject {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; resourceVersion?: string; [field: string]: unknown };
  [field: string]: unknown;
}

export interface ApiList<T = ApiObject> {
  apiVersion?: string;
  kind?: string;
  metadata: { resourceVersion?: string; continue?: string };
  items: T[];
}

/**
 * A typed REST client for the Kubernetes API. Failed answers throw
 * StatusError; throttling (429) and unavailability (503, 504) are retried
 * with exponential back-off for every verb (the server did not act on them),
 * connection failures only for reads (a write may have landed).
 */
export class RestClient {
  readonly transport: Transport;
  private readonly retry: RetryPolicy;
  private readonly clock: Clock;

  constructor(
    readonly config: ClientConfig,
    options: { retry?: Partial<RetryPolicy>; clock?: Clock } = {},
  ) {
    this.transport = new Transport(config);
    this.retry = { ...defaultRetry, ...options.retry };
    this.clock = options.clock ?? realClock;
  }

  /** Sends a request and parses the JSON answer, retrying what is safe to retry. */
  async request<T>(req: TransportRequest): Promise<T> {
    const readOnly = req.method === "GET" || req.method === "HEAD";
    for (let attempt = 1; ; attempt++) {
      const last = attempt >= this.retry.attempts;
      let answer: Awaited<ReturnType<Transport["send"]>>;
      try {
        answer = await this.transport.send({ accept: "application/json", ...req });
      } catch (error) {
        if (!(error instanceof TransportError) || !readOnly || last || req.signal?.aborted) throw error;
        await this.backOff(attempt, undefined, req.signal);
        continue;
      }
      if (answer.status >= 200 && answer.status < 300) {
        return (answer.body.length === 0 ? undefined : JSON.parse(answer.body.toString("utf8"))) as T;
      }
      const error = statusErrorFrom(answer.status, answer.body);
      const retriable = answer.status === 429 || answer.status === 503 || answer.status === 504;
      if (!retriable || last) throw error;
      const retryAfter = Number(answer.headers["retry-after"] ?? error.status.details?.retryAfterSeconds ?? NaN);
      await this.backOff(attempt, Number.isFinite(retryAfter) ? retryAfter * 1000 : undefined, req.signal);
    }
  }

  private async backOff(attempt: number, hintMs: number | undefined, signal?: AbortSignal): Promise<void> {
    const exponential = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
    // Jitter spreads clients that failed together.
    const delay = hintMs ?? exponential * (0.5 + Math.random() / 2);
    await sleep(this.clock, delay, signal);
  }

  get<T = ApiObject>(ref: ResourceRef, namespace: string | undefined, name: string, subresource?: string): Promise<T> {
    return this.request<T>({ method: "GET", path: resourcePath(ref, namespace, name, subresource) });
  }

  list<T = ApiObject>(ref: ResourceRef, namespace: string | undefined, options: ListOptions = {}): Promise<ApiList<T>> {
    return this.request<ApiList<T>>({ method: "GET", path: withQuery(resourcePath(ref, namespace), { ...options }) });
  }

  create<T = ApiObject>(ref: ResourceRef, namespace: string | undefined, object: ApiObject, options: WriteOptions = {}): Promise<T> {
    return this.request<T>({
      method: "POST",
      path: withQuery(resourcePath(ref, namespace), writeQuery(options)),
      body: JSON.stringify(object),
      contentType: "application/json",
    });
  }

  /** PUT of the whole object (or of its status with `subresource: "status"`). */
  update<T = ApiObject>(
    ref: ResourceRef,
    namespace: string | undefined,
    object: ApiObject,
    options: WriteOptions & { subresource?: string } = {},
  ): Promise<T> {
    const name = object.metadata?.name ?? "";
    return this.request<T>({
      method: "PUT",
      path: withQuery(resourcePath(ref, namespace, name, options.subresource), writeQuery(options)),
      body: JSON.stringify(object),
      contentType: "application/json",
    });
  }

  patch<T = ApiObject>(
    ref: ResourceRef,
    namespace: string | undefined,
    name: string,
    type: PatchType,
    patch: unknown,
    options: WriteOptions & { subresource?: string; force?: boolean } = {},
  ): Promise<T> {
    return this.request<T>({
      method: "PATCH",
      path: withQuery(resourcePath(ref, namespace, name, options.subresource), {
        ...writeQuery(options),
        force: options.force,
      }),
      body: JSON.stringify(patch),
      contentType: patchContentTypes[type],
    });
  }

  delete<T = unknown>(
    ref: ResourceRef,
    namespace: string | undefined,
    name: string,
    options: { propagationPolicy?: "Foreground" | "Background" | "Orphan"; gracePeriodSeconds?: number; preconditions?: { uid?: string; resourceVersion?: string } } = {},
  ): Promise<T> {
    return this.request<T>({
      method: "DELETE",
      path: resourcePath(ref, namespace, name),
      body: JSON.stringify({ kind: "DeleteOptions", apiVersion: "v1", ...options }),
      contentType: "application/json",
    });
  }

  close(): void {
    this.transport.close();
  }
}

function writeQuery(options: WriteOptions): Record<string, string | undefined> {
  return {
    fieldManager: options.fieldManager,
    fieldValidation: options.fieldValidation,
    dryRun: options.dryRun ? "All" : undefined,
  };
}

/** True when an error is the server saying the object is not there. */
export const isNotFound = (error: unknown): boolean => error instanceof StatusError && error.code === 404;
export const isConflict = (error: unknown): boolean => error instanceof StatusError && error.code === 409;
