import { describe, expect, it } from "vitest";
import { keyOf, objectKey, splitKey, uidOf } from "./object-key.js";

describe("object keys", () => {
  it("are namespace/name, or the name alone for cluster-scoped objects, and split back", () => {
    expect(objectKey({ metadata: { namespace: "web", name: "a" } })).toBe("web/a");
    expect(objectKey({ metadata: { name: "node1" } })).toBe("node1");
    expect(keyOf("", "node1")).toBe("node1");
    expect(splitKey("web/a")).toEqual({ namespace: "web", name: "a" });
    expect(splitKey("node1")).toEqual({ namespace: "", name: "node1" });
  });

  it("read a uid only when it is a non-empty string", () => {
    expect(uidOf({ metadata: { uid: "u1" } })).toBe("u1");
    expect(uidOf({ metadata: { uid: "" } })).toBeUndefined();
    expect(uidOf({ metadata: { uid: 7 } })).toBeUndefined();
    expect(uidOf({})).toBeUndefined();
  });
});
