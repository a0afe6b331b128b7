import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect } from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../../server/server.js";
import { RestClient } from "../../src/client/rest/rest-client.js";
import type { ResourceRef } from "../../src/client/rest/paths.js";
import { createLogger } from "../../src/log.js";

// A client that stalls mid-request is answered 408 and disconnected once the
// request timeout passes; watches, which stream longer, are not cut.
const timeoutMs = 1_000;
let server: RunningServer;
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "skiff-timeout-"));
  server = await startServer({ dataDir, store: { engine: "sqlite" }, bind: "127.0.0.1", port: 0, tlsSans: [], requestTimeoutMs: timeoutMs, log: createLogger("silent") });
});
afterAll(async () => {
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** Sends `text` on a raw TLS connection and resolves with what the server wrote before closing it. */
function stall(text: string): Promise<{ answer: string; ms: number }> {
  const url = new URL(server.url);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const socket = connect({ host: url.hostname, port: Number(url.port), ca: server.pki.ca.certPem }, () => socket.write(text));
    let answer = "";
    socket.on("data", (chunk: Buffer) => (answer += chunk.toString("utf8")));
    socket.on("close", () => resolve({ answer, ms: Date.now() - started }));
    socket.on("error", reject);
    setTimeout(() => reject(new Error("the server kept a stalled request open")), 10 * timeoutMs).unref();
  });
}

describe("request timeout", () => {
  it("answers 408 and closes a connection whose body stalls", async () => {
    const head = `POST /api/v1/namespaces/default/configmaps HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${server.pki.adminToken}\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n`;
    const { answer, ms } = await stall(`${head}{"apiVersion":"v1",`);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(ms).toBeGreaterThanOrEqual(timeoutMs - 50);
  });

  it("does not cut a watch that lasts longer than the timeout", async () => {
    const client = new RestClient({ server: server.url, caPem: server.pki.ca.certPem, token: server.pki.adminToken });
    const configMaps: ResourceRef = { group: "", version: "v1", resource: "configmaps", namespaced: true };
    const url = new URL(server.url);
    const events: string[] = [];
    const socket = connect({ host: url.hostname, port: Number(url.port), ca: server.pki.ca.certPem }, () =>
      socket.write(`GET /api/v1/namespaces/default/configmaps?watch=1&timeoutSeconds=30 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${server.pki.adminToken}\r\n\r\n`),
    );
    socket.on("data", (chunk: Buffer) => events.push(chunk.toString("utf8")));
    try {
      await new Promise((done) => setTimeout(done, 2.5 * timeoutMs));
      await client.create(configMaps, "default", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "late-event" } });
      await expect.poll(() => events.join(""), { timeout: 3_000 }).toContain("late-event");
      expect(events.join("")).toMatch(/^HTTP\/1\.1 200 /);
    } finally {
      socket.destroy();
      client.close();
    }
  });
});
