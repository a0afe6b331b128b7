import {
  ClientClosedError,
  EtcdError,
  GRPCDeadlineExceededError,
  GRPCOutOfRangeError,
  GRPCUnavailableError,
} from "etcd3";
import { describe, expect, it } from "vitest";
import { StoreUnavailableError } from "../errors.js";
import { isCompactedRevision, isFutureRevision, storeUnavailable } from "./etcd-errors.js";

const endpoints = ["http://127.0.0.1:2379", "http://127.0.0.1:22379"];

describe("etcd errors", () => {
  it("tells a compacted revision from a future one", () => {
    const outOfRange = (text: string) => new GRPCOutOfRangeError(`11 OUT_OF_RANGE: etcdserver: mvcc: ${text}`);
    const compacted = outOfRange("required revision has been compacted");
    const future = outOfRange("required revision is a future revision");
    expect([isCompactedRevision(compacted), isFutureRevision(compacted)]).toEqual([true, false]);
    expect([isCompactedRevision(future), isFutureRevision(future)]).toEqual([false, true]);
  });

  it.each([
    [new GRPCUnavailableError("14 UNAVAILABLE: ECONNREFUSED"), "cannot reach etcd: 14 UNAVAILABLE: ECONNREFUSED"],
    [new GRPCDeadlineExceededError("4 DEADLINE_EXCEEDED"), "etcd did not answer within 1500 ms"],
    [new ClientClosedError("KV"), "the etcd store is closed"],
    [new EtcdError("etcdserver: request is too large"), "etcd failed: etcdserver: request is too large"],
  ])("makes %s a StoreUnavailableError naming every endpoint", (error, message) => {
    const translated = storeUnavailable(error, endpoints, 1_500);
    expect(translated).toBeInstanceOf(StoreUnavailableError);
    expect(translated.target).toBe(endpoints.join(","));
    expect(translated.message).toBe(`${endpoints.join(",")}: ${message}`);
    expect(translated.cause).toBe(error);
  });
});
