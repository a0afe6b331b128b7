import { describe, expect, it } from "vitest";
import { InvalidEtcdStoreOptionsError, parseEtcdStoreOptions } from "./options.js";

describe("parseEtcdStoreOptions", () => {
  it("fills in defaults", () => {
    expect(parseEtcdStoreOptions({ endpoints: ["http://127.0.0.1:2379"] })).toEqual({
      endpoints: ["http://127.0.0.1:2379"],
      prefix: "",
      dialTimeoutMs: 5_000,
      requestTimeoutMs: 5_000,
    });
  });

  it("accepts host:port", () => {
    expect(parseEtcdStoreOptions({ endpoints: ["etcd-1:2379"] }).endpoints).toEqual(["etcd-1:2379"]);
  });

  it.each([
    [{ endpoints: [] }, "endpoints: at least one etcd endpoint is required"],
    [{ endpoints: ["http://127.0.0.1"] }, "endpoints.0: expected http://host:port or host:port"],
    [{ endpoints: ["https://127.0.0.1:2379"] }, "endpoints.0"],
    [{ endpoints: ["127.0.0.1:2379"], requestTimeoutMs: 0 }, "requestTimeoutMs"],
  ])("names the bad field of %j", (input, message) => {
    expect(() => parseEtcdStoreOptions(input)).toThrow(InvalidEtcdStoreOptionsError);
    expect(() => parseEtcdStoreOptions(input)).toThrow(message);
  });
});
