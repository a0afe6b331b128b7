import { describe, expect, it } from "vitest";
import { defaultReconnectBackoff, reconnectDelay } from "./reconnect-delay.js";

describe("reconnectDelay", () => {
  const middle = (): number => 0.5;

  it("starts at half a second and doubles up to 30 s", () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => reconnectDelay(n, defaultReconnectBackoff, middle));
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it("moves each delay by up to 20 % either way", () => {
    expect(reconnectDelay(1, defaultReconnectBackoff, () => 0)).toBe(400);
    expect(reconnectDelay(1, defaultReconnectBackoff, () => 0.999999)).toBeCloseTo(600, 2);
    expect(reconnectDelay(10, defaultReconnectBackoff, () => 0)).toBe(24_000);
  });
});
