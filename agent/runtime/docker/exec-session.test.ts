import { Duplex } from "node:stream";
import { describe, expect, it } from "vitest";
import { RuntimeError } from "../container-runtime.js";
import { hijackedSession, type HijackedStreams } from "./exec-session.js";

/** The engine's end of a hijacked connection: what the session writes is collected. */
function fakeSocket(): { socket: Duplex; written: Buffer[]; ended: Promise<void> } {
  const written: Buffer[] = [];
  let markEnded: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => (markEnded = resolve));
  const socket = new Duplex({
    read() {},
    write(chunk: Buffer, _encoding, done) {
      written.push(chunk);
      done();
    },
    final(done) {
      markEnded();
      done();
    },
  });
  return { socket, written, ended };
}

function frame(type: number, text: string): Buffer {
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(Buffer.byteLength(text), 4);
  return Buffer.concat([header, Buffer.from(text)]);
}

function streams(socket: Duplex, overrides: Partial<HijackedStreams> = {}): HijackedStreams {
  return {
    socket,
    tty: false,
    stdin: true,
    stdout: true,
    stderr: true,
    resize: async () => undefined,
    exitCode: async () => 3,
    ...overrides,
  };
}

async function text(stream: NodeJS.ReadableStream | undefined): Promise<string> {
  let out = "";
  for await (const chunk of stream ?? []) out += String(chunk);
  return out;
}

describe("hijackedSession", () => {
  it("splits framed output, passes stdin, half-closes on its end, then reads the exit code", async () => {
    const { socket, written, ended } = fakeSocket();
    const session = hijackedSession(streams(socket));
    session.stdin?.end("input");
    await ended;
    expect(Buffer.concat(written).toString()).toBe("input");
    socket.push(Buffer.concat([frame(1, "out "), frame(2, "err"), frame(1, "again")]));
    socket.push(null);
    expect(await Promise.all([text(session.stdout), text(session.stderr)])).toEqual(["out again", "err"]);
    expect(await session.exitCode).toBe(3);
  });

  it("with a TTY passes output raw on stdout alone", async () => {
    const { socket } = fakeSocket();
    const session = hijackedSession(streams(socket, { tty: true, stdin: false }));
    expect(session.stdin).toBeUndefined();
    expect(session.stderr).toBeUndefined();
    socket.push(Buffer.from("raw \u0001 bytes"));
    socket.push(null);
    expect(await text(session.stdout)).toBe("raw \u0001 bytes");
  });

  it("drops output nobody asked for without holding the socket back", async () => {
    const { socket } = fakeSocket();
    const session = hijackedSession(streams(socket, { stdout: false, stderr: false, stdin: false }));
    expect(session.stdout).toBeUndefined();
    for (let i = 0; i < 100; i++) socket.push(frame(1, "x".repeat(10_000)));
    socket.push(null);
    expect(await session.exitCode).toBe(3);
  });

  it("closed before the end: no exit code", async () => {
    const { socket } = fakeSocket();
    const session = hijackedSession(streams(socket));
    session.close();
    expect(socket.destroyed).toBe(true);
    await expect(session.exitCode).rejects.toBeInstanceOf(RuntimeError);
  });
});
