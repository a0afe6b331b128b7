import { describe, expect, it } from "vitest";
import { kubernetesTimestamp, TimestampRewriter } from "./log-timestamps.js";

describe("kubernetesTimestamp", () => {
  it("drops the trailing zeros of the fraction, as Go's RFC3339Nano", () => {
    expect(kubernetesTimestamp("2026-01-02T03:04:05.120000000Z")).toBe("2026-01-02T03:04:05.12Z");
    expect(kubernetesTimestamp("2026-01-02T03:04:05.000000000Z")).toBe("2026-01-02T03:04:05Z");
    expect(kubernetesTimestamp("2026-01-02T03:04:05.123456789Z")).toBe("2026-01-02T03:04:05.123456789Z");
    expect(kubernetesTimestamp("2026-01-02T03:04:05.500000000+02:00")).toBe("2026-01-02T03:04:05.5+02:00");
    expect(kubernetesTimestamp("not a time")).toBe("not a time");
  });
});

describe("TimestampRewriter", () => {
  it("rewrites the stamp of every line, across chunk boundaries", () => {
    const text = "2026-01-02T03:04:05.100000000Z one\n2026-01-02T03:04:06.000000000Z two words\n";
    for (const size of [1, 5, 31, text.length]) {
      const rewriter = new TimestampRewriter();
      let out = "";
      for (let i = 0; i < text.length; i += size) out += rewriter.rewrite(Buffer.from(text.slice(i, i + size))).toString();
      expect(out, `chunks of ${size}`).toBe("2026-01-02T03:04:05.1Z one\n2026-01-02T03:04:06Z two words\n");
    }
  });
});
