import { describe, expect, it } from "vitest";
import { resolvConf } from "./resolv-conf.js";

describe("resolvConf", () => {
  it("lists servers, then search and options when there are any", () => {
    expect(resolvConf({ servers: ["10.43.0.10", "1.1.1.1"], searches: ["a.svc", "svc"], options: ["ndots:5"] })).toBe(
      "nameserver 10.43.0.10\nnameserver 1.1.1.1\nsearch a.svc svc\noptions ndots:5\n",
    );
    expect(resolvConf({ servers: ["10.43.0.10"], searches: [], options: [] })).toBe("nameserver 10.43.0.10\n");
  });
});
