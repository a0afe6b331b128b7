import { Writable } from "node:stream";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../log.js";
import { Listener } from "./listener.js";

const silent = createLogger("silent");

describe("Listener", () => {
  it("delivers in order, one call at a time, awaiting an async handler, and never inside enqueue", async () => {
    const seen: string[] = [];
    let running = 0;
    let overlapped = false;
    const listener = new Listener<string>(
      {
        async onAdd(object) {
          overlapped ||= running > 0;
          running++;
          await new Promise((resolve) => setTimeout(resolve, 1));
          seen.push(`add ${object}`);
          running--;
        },
        onUpdate: (old, now) => void seen.push(`update ${old}->${now}`),
        onDelete: (object, { finalStateUnknown }) => void seen.push(`delete ${object} ${finalStateUnknown}`),
      },
      silent,
    );
    listener.enqueue({ type: "add", object: "a" });
    listener.enqueue({ type: "add", object: "b" });
    listener.enqueue({ type: "update", oldObject: "a", newObject: "a2" });
    listener.enqueue({ type: "delete", object: "b", finalStateUnknown: true });
    expect(seen).toEqual([]);
    await listener.idle();
    expect(seen).toEqual(["add a", "add b", "update a->a2", "delete b true"]);
    expect(overlapped).toBe(false);
  });

  it("logs a handler that throws or rejects and goes on with the next notification", async () => {
    const lines: string[] = [];
    const log = pino({ level: "error" }, new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
    const seen: string[] = [];
    const listener = new Listener<string>(
      {
        onAdd(object) {
          if (object === "bad") throw new Error("handler broke");
          seen.push(object);
        },
        onDelete: async () => Promise.reject(new Error("async handler broke")),
      },
      log,
    );
    listener.enqueue({ type: "add", object: "bad" });
    listener.enqueue({ type: "delete", object: "x", finalStateUnknown: false });
    listener.enqueue({ type: "add", object: "good" });
    await listener.idle();
    expect(seen).toEqual(["good"]);
    expect(lines.join("")).toContain("handler broke");
    expect(lines.join("")).toContain("async handler broke");
  });

  it("drops what is queued on stop and waits for the call under way", async () => {
    const seen: string[] = [];
    let release!: () => void;
    const listener = new Listener<string>(
      {
        async onAdd(object) {
          if (object === "slow") await new Promise<void>((resolve) => (release = resolve));
          seen.push(object);
        },
      },
      silent,
    );
    listener.enqueue({ type: "add", object: "slow" });
    listener.enqueue({ type: "add", object: "never" });
    await new Promise((resolve) => setImmediate(resolve));
    let stopped = false;
    const stopping = listener.stop().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    release();
    await stopping;
    listener.enqueue({ type: "add", object: "after" });
    await listener.idle();
    expect(seen).toEqual(["slow"]);
  });
});
