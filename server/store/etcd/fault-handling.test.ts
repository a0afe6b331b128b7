import { GRPCDeadlineExceededError, GRPCUnavailableError } from "etcd3";
import { describe, expect, it } from "vitest";
import { RetryUnavailable } from "./fault-handling.js";

function failing(errors: Error[]) {
  let calls = 0;
  return {
    calls: () => calls,
    run: async () => {
      const error = errors[calls++];
      if (error) throw error;
      return "ok";
    },
  };
}

describe("RetryUnavailable", () => {
  it("tries again after 'unavailable', up to the number of attempts", async () => {
    const call = failing([new GRPCUnavailableError("down"), new GRPCUnavailableError("down")]);
    expect(await new RetryUnavailable(3).execute(call.run)).toBe("ok");
    expect(call.calls()).toBe(3);

    const once = failing([new GRPCUnavailableError("down")]);
    await expect(new RetryUnavailable(1).execute(once.run)).rejects.toBeInstanceOf(GRPCUnavailableError);
    expect(once.calls()).toBe(1);
  });

  it("does not retry other errors: a slow etcd costs one deadline, not several", async () => {
    const call = failing([new GRPCDeadlineExceededError("slow")]);
    await expect(new RetryUnavailable(3).execute(call.run)).rejects.toBeInstanceOf(GRPCDeadlineExceededError);
    expect(call.calls()).toBe(1);
  });
});
