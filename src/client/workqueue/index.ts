export { WorkQueue, type QueueKey, type QueueGetResult } from "./queue.js";
export { DelayingQueue, type DelayingQueueOptions } from "./delaying-queue.js";
export { RateLimitingQueue, type RateLimitingQueueOptions } from "./rate-limiting-queue.js";
export { MaxOfRateLimiter, defaultControllerRateLimiter, type RateLimiter } from "./rate-limiter.js";
export { ExponentialFailureRateLimiter, type ExponentialFailureOptions } from "./exponential-failure-rate-limiter.js";
export { TokenBucketRateLimiter, type TokenBucketOptions } from "./token-bucket-rate-limiter.js";
export { runWorkers, logSyncError, type RunWorkersOptions, type SyncErrorHandler } from "./run-workers.js";
