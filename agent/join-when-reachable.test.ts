import { describe, expect, it } from "vitest";
import { realClock } from "../src/clock.js";
import { JoinError } from "../src/join/join-error.js";
import type { EnsuredNodeCredential } from "../src/join/ensure-node-credential.js";
import { createLogger } from "../src/log.js";
import { joinWhenReachable } from "./join-when-reachable.js";

const log = createLogger("silent");
const options = { server: "https://127.0.0.1:1", token: "", nodeName: "pi-1", dataDir: "/d" };
const joined = { joined: true } as EnsuredNodeCredential;
// Time that passes at once: the waits are not what is tested.
const instant = { ...realClock, setTimer: (_ms: number, fn: () => void) => realClock.setTimer(0, fn) };

describe("joinWhenReachable", () => {
  it("tries again while the server is unreachable, and returns the credential once it answers", async () => {
    let attempts = 0;
    const join = async () => {
      attempts += 1;
      if (attempts < 3) throw new JoinError("unreachable", "connect ECONNREFUSED");
      return joined;
    };
    expect(await joinWhenReachable(options, new AbortController().signal, log, join, instant)).toBe(joined);
    expect(attempts).toBe(3);
  });

  it("throws any other failure at once, and the last one when aborted", async () => {
    let attempts = 0;
    const refused = async (): Promise<EnsuredNodeCredential> => {
      attempts += 1;
      throw new JoinError("ca-mismatch", "the server's CA is not the token's");
    };
    await expect(joinWhenReachable(options, new AbortController().signal, log, refused, instant)).rejects.toThrow(/CA is not/);
    expect(attempts).toBe(1);
    const abort = new AbortController();
    const unreachable = async (): Promise<EnsuredNodeCredential> => {
      abort.abort();
      throw new JoinError("unreachable", "connect ECONNREFUSED");
    };
    await expect(joinWhenReachable(options, abort.signal, log, unreachable, instant)).rejects.toThrow(/ECONNREFUSED/);
  });
});
