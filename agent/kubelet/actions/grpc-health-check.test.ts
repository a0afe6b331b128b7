import { createServer, type Http2Server, type ServerHttp2Stream } from "node:http2";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { FakeClock, realClock } from "../../../src/clock.js";
import { closedPort } from "../testing/loopback-servers.js";
import { frame, grpcHealthCheck } from "./grpc-health-check.js";

const servers: Http2Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

interface Call {
  path: string;
  userAgent: string | undefined;
  body: Buffer;
}

/** A plaintext HTTP/2 server answering Health/Check with what `answer` says for the service asked about. */
async function startHealthServer(answer: (service: string, stream: ServerHttp2Stream) => void): Promise<{ port: number; calls: Call[] }> {
  const calls: Call[] = [];
  const server = createServer();
  servers.push(server);
  server.on("stream", (stream, headers) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => {
      const body = Buffer.concat(chunks);
      calls.push({ path: String(headers[":path"]), userAgent: headers["user-agent"], body });
      // HealthCheckRequest: field 1 (service) as a length-delimited string, if present.
      const service = body.length > 7 ? body.subarray(7).toString("utf8") : "";
      answer(service, stream);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as AddressInfo).port, calls };
}

/** Replies with HealthCheckResponse { status } and grpc-status 0. */
function reply(status: number): (service: string, stream: ServerHttp2Stream) => void {
  return (_service, stream) => {
    stream.respond({ ":status": 200, "content-type": "application/grpc" }, { waitForTrailers: true });
    stream.on("wantTrailers", () => stream.sendTrailers({ "grpc-status": "0" }));
    stream.end(frame(Buffer.from([0x08, status])));
  };
}

const options = { timeoutMs: 2000, clock: realClock };

describe("grpcHealthCheck against a loopback gRPC server", () => {
  it("is healthy when the server says SERVING, and asks for the service named", async () => {
    const server = await startHealthServer(reply(1));
    expect(await grpcHealthCheck("127.0.0.1", server.port, "db", options)).toEqual({ serving: true, message: "service healthy" });
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0]?.path).toBe("/grpc.health.v1.Health/Check");
    expect(server.calls[0]?.userAgent).toMatch(/^kube-probe\/1\.32/);
    expect(server.calls[0]?.body).toEqual(frame(Buffer.from([0x0a, 2, ...Buffer.from("db")])));
  });

  it("fails on NOT_SERVING with the kubelet's words", async () => {
    const server = await startHealthServer(reply(2));
    expect(await grpcHealthCheck("127.0.0.1", server.port, "", options)).toEqual({
      serving: false,
      message: 'service unhealthy (responded with "NOT_SERVING")',
    });
  });

  it("fails on a server without the health service", async () => {
    const server = await startHealthServer((_service, stream) =>
      stream.respond(
        { ":status": 200, "content-type": "application/grpc", "grpc-status": "12", "grpc-message": "unknown%20service" },
        { endStream: true },
      ),
    );
    expect(await grpcHealthCheck("127.0.0.1", server.port, "", options)).toEqual({
      serving: false,
      message: "error: this server does not implement the grpc health protocol (grpc.health.v1.Health): unknown service",
    });
  });

  it("fails on another gRPC error with its code and description", async () => {
    const server = await startHealthServer((_service, stream) =>
      stream.respond({ ":status": 200, "content-type": "application/grpc", "grpc-status": "14", "grpc-message": "draining" }, { endStream: true }),
    );
    expect((await grpcHealthCheck("127.0.0.1", server.port, "", options)).message).toBe(
      "error: health rpc probe failed: rpc error: code = Unavailable desc = draining",
    );
  });

  it("fails on a refused connection", async () => {
    const port = await closedPort();
    expect(await grpcHealthCheck("127.0.0.1", port, "", options)).toEqual({
      serving: false,
      message: `error: failed to connect service at "127.0.0.1:${port}": dial tcp 127.0.0.1:${port}: connect: connection refused`,
    });
  });

  it("times out a server that does not answer, on its clock", async () => {
    const server = await startHealthServer(() => {});
    const clock = new FakeClock();
    const pending = grpcHealthCheck("127.0.0.1", server.port, "", { timeoutMs: 1000, clock });
    await new Promise((resolve) => setTimeout(resolve, 100)); // connected, call sent, no answer
    expect(server.calls).toHaveLength(1);
    clock.advance(1000);
    expect(await pending).toEqual({ serving: false, message: "timeout: health rpc did not complete within 1s" });
  });
});
