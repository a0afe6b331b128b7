import { describe, expect, it } from "vitest";
import { type WatchLine, watchLineReader } from "./watch-lines.js";

const event = (type: string, name: string) =>
  `${JSON.stringify({ type, object: { kind: "Pod", spec: { containers: [{ name: "web" }] }, metadata: { name } } })}\n`;

describe("watchLineReader", () => {
  it("reports each event's type and the name matching the pattern, across chunk boundaries", () => {
    const lines: WatchLine[] = [];
    const read = watchLineReader(/"name":"(fanout-\d+)"/, (line) => lines.push(line));
    const stream = event("ADDED", "fanout-1") + event("MODIFIED", "fanout-22") + event("ERROR", "other");
    read(stream.slice(0, 30));
    expect(lines).toEqual([]);
    read(stream.slice(30, 140));
    read(stream.slice(140));
    expect(lines).toEqual([
      { type: "ADDED", name: "fanout-1" },
      { type: "MODIFIED", name: "fanout-22" },
      { type: "ERROR", name: undefined },
    ]);
  });

  it("holds back a line until its newline arrives", () => {
    const lines: WatchLine[] = [];
    const read = watchLineReader(/"name":"(fanout-\d+)"/, (line) => lines.push(line));
    read(event("ADDED", "fanout-7").trimEnd());
    expect(lines).toEqual([]);
    read("\n");
    expect(lines).toEqual([{ type: "ADDED", name: "fanout-7" }]);
  });
});
