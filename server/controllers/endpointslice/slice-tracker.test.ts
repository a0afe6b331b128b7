import { describe, expect, it } from "vitest";
import { SliceTracker } from "./slice-tracker.js";

const slice = (name: string, resourceVersion: string) => ({ metadata: { name, resourceVersion } });

describe("SliceTracker", () => {
  it("calls the cache stale until it has seen each write of ours, then forgets the write", () => {
    const tracker = new SliceTracker();
    tracker.wrote("ns/web", slice("web-a", "10"));
    expect(tracker.isStale("ns/web", [])).toBe(true);
    expect(tracker.isStale("ns/web", [slice("web-a", "9")])).toBe(true);
    expect(tracker.isStale("ns/web", [slice("web-a", "10")])).toBe(false);
    // Met and forgotten: a later older copy is not our concern.
    expect(tracker.isStale("ns/web", [])).toBe(false);
    expect(tracker.isStale("ns/other", [])).toBe(false);
  });

  it("waits for a deleted slice to leave the cache, and stops waiting for a slice someone else deleted", () => {
    const tracker = new SliceTracker();
    tracker.deleted("ns/web", "web-a");
    expect(tracker.isStale("ns/web", [slice("web-a", "10")])).toBe(true);
    expect(tracker.isStale("ns/web", [])).toBe(false);
    tracker.wrote("ns/web", slice("web-b", "12"));
    tracker.gone("ns/web", "web-b");
    expect(tracker.isStale("ns/web", [])).toBe(false);
  });
});
