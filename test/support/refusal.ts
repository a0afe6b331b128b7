import { StatusError } from "../../src/errors/status.js";

/** The code and message of the StatusError `run` throws; anything else (or nothing thrown) fails the test. */
export function refusal(run: () => unknown): { code: number; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof StatusError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected a refusal");
}
