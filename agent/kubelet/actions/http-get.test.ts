import { afterEach, describe, expect, it } from "vitest";
import { realClock } from "../../../src/clock.js";
import { httpGet, HttpGetError, MAX_BODY_BYTES, type HttpGetRequest } from "./http-get.js";
import { closedPort, startHttpServer, type LoopbackServer } from "../testing/loopback-servers.js";

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(...args: Parameters<typeof startHttpServer>): Promise<LoopbackServer> {
  const server = await startHttpServer(...args);
  servers.push(server);
  return server;
}

function get(url: string, headers: Array<[string, string]> = []): HttpGetRequest {
  return { url: new URL(url), headers };
}

const options = { timeoutMs: 2000, clock: realClock };

async function failure(promise: Promise<unknown>): Promise<HttpGetError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(HttpGetError);
  return error as HttpGetError;
}

describe("httpGet against loopback servers", () => {
  it("returns the status and body, whatever the status", async () => {
    const server = await serve((req, res) => {
      res.statusCode = req.url === "/healthz" ? 200 : 503;
      res.end(req.url === "/healthz" ? "ok" : "down");
    });
    expect(await httpGet(get(`http://127.0.0.1:${server.port}/healthz`), options)).toEqual({ statusCode: 200, body: "ok" });
    expect(await httpGet(get(`http://127.0.0.1:${server.port}/other?x=1`), options)).toEqual({ statusCode: 503, body: "down" });
    expect(server.requests.map((req) => [req.method, req.url])).toEqual([
      ["GET", "/healthz"],
      ["GET", "/other?x=1"],
    ]);
  });

  it("sends the headers as given, repeats as one list, and a Host header as the request's host", async () => {
    const server = await serve((_req, res) => res.end());
    await httpGet(
      get(`http://127.0.0.1:${server.port}/`, [
        ["X-Custom", "a"],
        ["x-custom", "b"],
        ["Host", "app.example"],
      ]),
      options,
    );
    const headers = server.requests[0]!.headers;
    expect(headers["x-custom"]).toBe("a, b");
    expect(headers.host).toBe("app.example");
    expect(headers.connection).toBe("close");
  });

  it("reads at most 10 KiB of a body", async () => {
    const server = await serve((_req, res) => res.end("x".repeat(MAX_BODY_BYTES * 3)));
    const response = await httpGet(get(`http://127.0.0.1:${server.port}/`), options);
    expect(response.body.length).toBe(MAX_BODY_BYTES);
  });

  it("follows redirects that stay on the host, relative or absolute, keeping the headers", async () => {
    const server = await serve((req, res) => {
      if (req.url === "/start") res.writeHead(302, { location: "/middle" }).end();
      else if (req.url === "/middle") res.writeHead(301, { location: `http://127.0.0.1:${server.port}/end` }).end();
      else res.end("arrived");
    });
    const response = await httpGet(get(`http://127.0.0.1:${server.port}/start`, [["X-Probe", "1"]]), options);
    expect(response).toEqual({ statusCode: 200, body: "arrived" });
    expect(server.requests.map((req) => [req.url, req.headers["x-probe"]])).toEqual([
      ["/start", "1"],
      ["/middle", "1"],
      ["/end", "1"],
    ]);
  });

  it("does not follow a redirect to another host: the 3xx itself is the answer", async () => {
    const elsewhere = await serve((_req, res) => res.end("should not be reached"));
    const server = await serve((_req, res) => res.writeHead(302, { location: `http://localhost:${elsewhere.port}/` }).end("moved"));
    const response = await httpGet(get(`http://127.0.0.1:${server.port}/`), options);
    expect(response).toEqual({ statusCode: 302, body: "moved" });
    expect(elsewhere.requests).toHaveLength(0);
  });

  it("gives up on the tenth redirect, as Go's client does", async () => {
    const server = await serve((_req, res) => res.writeHead(307, { location: "/again" }).end());
    const error = await failure(httpGet(get(`http://127.0.0.1:${server.port}/`), options));
    expect(error.message).toBe('Get "/again": stopped after 10 redirects');
    expect(server.requests).toHaveLength(10);
  });

  it("reports a refused connection with Go's text", async () => {
    const port = await closedPort();
    const error = await failure(httpGet(get(`http://127.0.0.1:${port}/healthz`), options));
    expect(error.message).toBe(`Get "http://127.0.0.1:${port}/healthz": dial tcp 127.0.0.1:${port}: connect: connection refused`);
  });

  it("times out a server that does not answer", async () => {
    const server = await serve(() => {});
    const started = Date.now();
    const error = await failure(httpGet(get(`http://127.0.0.1:${server.port}/slow`), { timeoutMs: 200, clock: realClock }));
    expect(error.message).toBe(`Get "http://127.0.0.1:${server.port}/slow": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("stops when its signal aborts", async () => {
    const server = await serve(() => {});
    const controller = new AbortController();
    const pending = httpGet(get(`http://127.0.0.1:${server.port}/`), { clock: realClock, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await failure(pending);
    expect(error.message).toMatch(/^Get "http:\/\/127\.0\.0\.1:\d+\/": /);
  });

  it("speaks HTTPS without checking the certificate", async () => {
    const server = await serve((_req, res) => res.end("secure"), true);
    expect(await httpGet(get(`https://127.0.0.1:${server.port}/`), options)).toEqual({ statusCode: 200, body: "secure" });
  });

  it("says so when an HTTPS request gets a plain HTTP answer", async () => {
    const server = await serve((_req, res) => res.end("plain"));
    const error = await failure(httpGet(get(`https://127.0.0.1:${server.port}/`), options));
    expect(error.httpsToHttp).toBe(true);
    expect(error.message).toBe(`Get "https://127.0.0.1:${server.port}/": http: server gave HTTP response to HTTPS client`);
  });
});
