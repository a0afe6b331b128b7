import { describe, expect, it } from "vitest";
import { RuntimeError, RuntimeNotFoundError } from "../container-runtime.js";
import { dockerCall, toRuntimeError } from "./docker-errors.js";

function dockerodeError(statusCode: number, message: string): Error {
  return Object.assign(new Error(`(HTTP code ${statusCode}) unexpected - ${message}`), { statusCode, json: { message } });
}

describe("docker errors", () => {
  it("maps 404 to not found and the rest to RuntimeError, with the engine's message and the operation", () => {
    const missing = toRuntimeError("start container x", dockerodeError(404, "No such container: x"));
    expect(missing).toBeInstanceOf(RuntimeNotFoundError);
    expect(missing.message).toBe("start container x: No such container: x");
    const conflict = toRuntimeError("exec in y", dockerodeError(409, "Container y is not running"));
    expect(conflict).toBeInstanceOf(RuntimeError);
    expect(conflict).not.toBeInstanceOf(RuntimeNotFoundError);
    expect(conflict.message).toBe("exec in y: Container y is not running");
  });

  it("keeps a socket failure's own message, and a RuntimeError as it is", async () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED /var/run/docker.sock"), { code: "ECONNREFUSED" });
    await expect(dockerCall("ping docker", () => Promise.reject(refused))).rejects.toThrow(
      "ping docker: connect ECONNREFUSED /var/run/docker.sock",
    );
    const own = new RuntimeError("a", "b");
    expect(toRuntimeError("c", own)).toBe(own);
  });
});
