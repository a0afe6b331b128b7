import { createServer, type AddressInfo, type Server } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { FakeClock, realClock } from "../../../src/clock.js";
import { closedPort } from "../testing/loopback-servers.js";
import { DialError, tcpDial } from "./tcp-dial.js";

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function failure(promise: Promise<unknown>): Promise<DialError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DialError);
  return error as DialError;
}

describe("tcpDial against loopback", () => {
  it("connects to a listening port and closes at once", async () => {
    let connections = 0;
    const server = createServer((socket) => {
      connections++;
      socket.on("error", () => {});
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await tcpDial("127.0.0.1", port, { timeoutMs: 1000, clock: realClock });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(connections).toBe(1);
  });

  it("reports a refused connection with Go's text", async () => {
    const port = await closedPort();
    const error = await failure(tcpDial("127.0.0.1", port, { timeoutMs: 1000, clock: realClock }));
    expect(error.message).toBe(`dial tcp 127.0.0.1:${port}: connect: connection refused`);
  });

  it("times out on its clock", async () => {
    const clock = new FakeClock();
    const port = await closedPort();
    const pending = tcpDial("127.0.0.1", port, { timeoutMs: 1000, clock });
    clock.advance(1000); // before the socket could answer
    const error = await failure(pending);
    expect(error.message).toBe(`dial tcp 127.0.0.1:${port}: i/o timeout`);
    expect(clock.pendingTimers()).toBe(0);
  });
});
