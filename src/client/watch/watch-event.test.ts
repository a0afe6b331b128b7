import { describe, expect, it } from "vitest";
import { StatusError } from "../../errors/status.js";
import { decodeWatchEvent } from "./watch-event.js";
import { WatchStreamError } from "./watch-errors.js";

describe("decodeWatchEvent", () => {
  it("keeps a BOOKMARK's version and annotations", () => {
    const metadata = { resourceVersion: "12", annotations: { "k8s.io/initial-events-end": "true" } };
    const object = { kind: "Pod", apiVersion: "v1", metadata };
    expect(decodeWatchEvent({ type: "BOOKMARK", object })).toEqual({ type: "BOOKMARK", object });
  });

  it("hands an object over whole, fields it does not check included", () => {
    const object = { kind: "Pod", metadata: { name: "a", resourceVersion: "3", uid: "u1" }, spec: { nodeName: "n1" } };
    expect(decodeWatchEvent({ type: "MODIFIED", object })).toEqual({ type: "MODIFIED", object });
  });

  it("throws an ERROR event's Status with its code, and an internal error when the object is no Status", () => {
    const gone = { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", reason: "Gone", message: "gone", code: 410 };
    expect(() => decodeWatchEvent({ type: "ERROR", object: gone })).toThrow(expect.objectContaining({ code: 410, reason: "Gone" }));
    let thrown: unknown;
    try {
      decodeWatchEvent({ type: "ERROR", object: { weird: true } });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(StatusError);
    expect((thrown as StatusError).code).toBe(500);
    expect((thrown as StatusError).message).toMatch(/not a Status/);
  });

  it("refuses a BOOKMARK without a resourceVersion", () => {
    expect(() => decodeWatchEvent({ type: "BOOKMARK", object: { metadata: {} } })).toThrow(WatchStreamError);
  });
});
