import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, request, type RequestOptions, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TLSSocket } from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueCertificate } from "./issue-certificate.js";
import { ensureServerPki, type ServerPki } from "./server-pki.js";
import { DAY_MS } from "./validity.js";

/*
 * The real thing: Node's TLS stack, on loopback, with certificates from
 * ensureServerPki and nothing trusted but the cluster CA.
 */

let dir: string;
let pki: ServerPki;
let otherPki: ServerPki;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "skiff-tls-"));
  pki = await ensureServerPki({ dataDir: join(dir, "data") });
  otherPki = await ensureServerPki({ dataDir: join(dir, "other") });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function listen(server: Server): Promise<number> {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return (server.address() as AddressInfo).port;
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** GETs `/` and resolves with the body, or rejects with the TLS error. */
function get(port: number, options: RequestOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: "/", agent: false, ...options }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve(body));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("the serving certificate", () => {
  let server: Server;
  let port: number;

  beforeAll(async () => {
    server = createServer({ cert: pki.serving.certPem, key: pki.serving.keyPem }, (_req, res) => res.end("ok"));
    port = await listen(server);
  });
  afterAll(() => close(server));

  it("is accepted by a client that trusts only the CA and checks the IP 127.0.0.1", async () => {
    expect(await get(port, { ca: pki.ca.certPem })).toBe("ok");
  });

  it("is accepted by a client that checks the name localhost", async () => {
    expect(await get(port, { ca: pki.ca.certPem, servername: "localhost" })).toBe("ok");
  });

  it("is refused for a name it was not issued for", async () => {
    await expect(get(port, { ca: pki.ca.certPem, servername: "skiff.example.com" })).rejects.toMatchObject({
      code: "ERR_TLS_CERT_ALTNAME_INVALID",
    });
  });

  it("is refused by a client that trusts another skiff CA", async () => {
    await expect(get(port, { ca: otherPki.ca.certPem })).rejects.toMatchObject({
      code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
    });
  });
});

describe("a client certificate issued by the CA", () => {
  let server: Server;
  let port: number;

  beforeAll(async () => {
    server = createServer(
      {
        cert: pki.serving.certPem,
        key: pki.serving.keyPem,
        ca: pki.ca.certPem,
        requestCert: true,
        rejectUnauthorized: true,
      },
      (req, res) => {
        const subject = (req.socket as TLSSocket).getPeerCertificate().subject;
        res.end(JSON.stringify({ user: subject.CN, groups: subject.O }));
      },
    );
    port = await listen(server);
  });
  afterAll(() => close(server));

  it("identifies its holder (CN user, O group) to a server that trusts only the CA", async () => {
    const node = await issueCertificate(
      pki.ca,
      { commonName: "system:node:pi-2", organizations: ["system:nodes"], usage: "client", lifetimeMs: 365 * DAY_MS },
      new Date(),
    );
    const body = await get(port, { ca: pki.ca.certPem, cert: node.certPem, key: node.keyPem });
    expect(JSON.parse(body)).toEqual({ user: "system:node:pi-2", groups: "system:nodes" });
  });

  it("from another CA is refused", async () => {
    const stranger = await issueCertificate(
      otherPki.ca,
      { commonName: "system:node:pi-2", organizations: ["system:nodes"], usage: "client", lifetimeMs: DAY_MS },
      new Date(),
    );
    const refused = get(port, { ca: pki.ca.certPem, cert: stranger.certPem, key: stranger.keyPem });
    // With TLS 1.3 the client learns of the refusal as an alert or a closed socket, whichever comes first.
    await expect(refused).rejects.toThrow(/socket hang up|unknown ca|ECONNRESET/);
  });
});
