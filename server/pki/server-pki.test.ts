import { createHash, createPrivateKey, X509Certificate } from "node:crypto";
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InvalidTlsSanError, PkiFileError } from "./errors.js";
import type { HostAddresses } from "./host-addresses.js";
import { ensureServerPki, type EnsureServerPkiOptions } from "./server-pki.js";
import { DAY_MS } from "./validity.js";

const host: HostAddresses = { hostname: "pi-server", ipAddresses: ["192.168.1.10", "fd00::2"] };
const START = Date.UTC(2025, 0, 15, 12, 0, 0);

let dir: string;
let dataDir: string;
let now: number;
const options = (extra: Partial<EnsureServerPkiOptions> = {}): EnsureServerPkiOptions => ({
  dataDir,
  host,
  clock: { now: () => now },
  ...extra,
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "skiff-pki-"));
  dataDir = join(dir, "data");
  now = START;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function mode(path: string): Promise<number> {
  return (await stat(path)).mode & 0o777;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail("expected a rejection"),
    (error: unknown) => error,
  );
}

describe("ensureServerPki, first start", () => {
  it("creates the CA, admin token and serving certificate, private to the server", async () => {
    const pki = await ensureServerPki(options());

    expect(pki.changes).toEqual([
      { kind: "ca-created" },
      { kind: "admin-token-created" },
      { kind: "serving-certificate-issued", reason: "missing" },
    ]);
    expect(await mode(dataDir)).toBe(0o700);
    expect(await mode(pki.paths.tlsDir)).toBe(0o700);
    for (const file of [pki.paths.caCert, pki.paths.caKey, pki.paths.servingCert, pki.paths.servingKey, pki.paths.adminToken]) {
      expect({ file, mode: await mode(file) }).toEqual({ file, mode: 0o600 });
    }
    expect(await readdir(pki.paths.tlsDir)).toEqual(["ca.crt", "ca.key", "serving.crt", "serving.key"]);
    expect(pki.adminToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(pki.adminToken, "base64url")).toHaveLength(32);
    expect((await readFile(pki.paths.adminToken, "utf8")).trim()).toBe(pki.adminToken);
    expect(await readFile(pki.paths.caCert, "utf8")).toBe(pki.ca.certPem);
    expect(await readFile(pki.paths.servingKey, "utf8")).toBe(pki.serving.keyPem);
  });

  it("makes a 10-year CA named skiff-ca@<unix time> whose hash is sha256 of its DER", async () => {
    const pki = await ensureServerPki(options());
    const ca = new X509Certificate(pki.ca.certPem);

    expect(ca.subject).toBe(`CN=skiff-ca@${START / 1000}`);
    expect(ca.ca).toBe(true);
    expect(ca.verify(ca.publicKey)).toBe(true);
    expect(new Date(ca.validTo).getTime()).toBe(START + 3650 * DAY_MS);
    expect(pki.ca.hash).toBe(createHash("sha256").update(ca.raw).digest("hex"));
    expect(pki.ca.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("makes a one-year serving certificate, signed by the CA, for every name clients use", async () => {
    const pki = await ensureServerPki(options({ tlsSans: ["skiff.home.arpa", "203.0.113.7", "2001:DB8::1"] }));
    const ca = new X509Certificate(pki.ca.certPem);
    const serving = new X509Certificate(pki.serving.certPem);

    expect(serving.verify(ca.publicKey)).toBe(true);
    expect(serving.checkIssued(ca)).toBe(true);
    expect(serving.ca).toBe(false);
    expect(serving.checkPrivateKey(createPrivateKey(pki.serving.keyPem))).toBe(true);
    expect(serving.keyUsage).toEqual(["1.3.6.1.5.5.7.3.1"]);
    expect(new Date(serving.validTo).getTime()).toBe(START + 365 * DAY_MS);
    expect(pki.serving.notAfter.getTime()).toBe(START + 365 * DAY_MS);
    for (const name of [
      "pi-server",
      "localhost",
      "kubernetes",
      "kubernetes.default",
      "kubernetes.default.svc",
      "kubernetes.default.svc.cluster.local",
      "skiff.home.arpa",
    ]) {
      expect(serving.checkHost(name)).toBe(name);
    }
    for (const ip of ["127.0.0.1", "::1", "10.43.0.1", "192.168.1.10", "fd00::2", "203.0.113.7", "2001:db8::1"]) {
      expect(serving.checkIP(ip)).toBe(ip);
    }
    expect(serving.checkHost("skiff.example.com")).toBeUndefined();
    expect(serving.checkIP("192.168.1.11")).toBeUndefined();
  });

  it("rejects a bad --tls-san before writing anything", async () => {
    const error = await rejection(ensureServerPki(options({ tlsSans: ["ok.example", "not a name"] })));
    expect(error).toBeInstanceOf(InvalidTlsSanError);
    expect((error as InvalidTlsSanError).value).toBe("not a name");
    await expect(stat(dataDir)).rejects.toThrow(/ENOENT/);
  });

  it("refuses a data dir that is a file, naming it", async () => {
    await writeFile(dataDir, "not a folder");
    const error = await rejection(ensureServerPki(options()));
    expect(error).toBeInstanceOf(PkiFileError);
    expect(error).toMatchObject({ path: dataDir, problem: "not-a-directory" });
    expect(String(error)).toContain(dataDir);
  });
});

describe("ensureServerPki, later starts", () => {
  it("loads the same CA, token and serving certificate", async () => {
    const first = await ensureServerPki(options());
    now += 100 * DAY_MS;
    const second = await ensureServerPki(options());

    expect(second.changes).toEqual([]);
    expect(second.ca.certPem).toBe(first.ca.certPem);
    expect(second.ca.hash).toBe(first.ca.hash);
    expect(second.adminToken).toBe(first.adminToken);
    expect(second.serving.certPem).toBe(first.serving.certPem);
    expect(second.serving.keyPem).toBe(first.serving.keyPem);
  });

  it("re-issues the serving certificate when the names change, keeping CA and token", async () => {
    const first = await ensureServerPki(options());
    const second = await ensureServerPki(options({ tlsSans: ["skiff.home.arpa"] }));

    expect(second.changes).toEqual([{ kind: "serving-certificate-issued", reason: "sans-changed" }]);
    expect(second.ca.certPem).toBe(first.ca.certPem);
    expect(second.adminToken).toBe(first.adminToken);
    expect(second.serving.certPem).not.toBe(first.serving.certPem);
    expect(new X509Certificate(second.serving.certPem).checkHost("skiff.home.arpa")).toBe("skiff.home.arpa");
    expect(await readFile(second.paths.servingCert, "utf8")).toBe(second.serving.certPem);

    const moved = await ensureServerPki(options({ tlsSans: ["skiff.home.arpa"], host: { ...host, ipAddresses: ["192.168.1.99"] } }));
    expect(moved.changes).toEqual([{ kind: "serving-certificate-issued", reason: "sans-changed" }]);
    expect(new X509Certificate(moved.serving.certPem).checkIP("192.168.1.99")).toBe("192.168.1.99");
    expect(new X509Certificate(moved.serving.certPem).checkIP("192.168.1.10")).toBeUndefined();
  });

  it("treats the same names in another order or spelling as unchanged", async () => {
    await ensureServerPki(options({ tlsSans: ["B.example", "2001:db8:0:0:0:0:0:1"] }));
    const again = await ensureServerPki(options({ tlsSans: ["2001:db8::1", "b.example", "b.example"] }));
    expect(again.changes).toEqual([]);
  });

  it("re-issues the serving certificate within 30 days of its end, not before", async () => {
    const first = await ensureServerPki(options());
    now = first.serving.notAfter.getTime() - 31 * DAY_MS;
    expect((await ensureServerPki(options())).changes).toEqual([]);

    now = first.serving.notAfter.getTime() - 29 * DAY_MS;
    const renewed = await ensureServerPki(options());
    expect(renewed.changes).toEqual([{ kind: "serving-certificate-issued", reason: "expiring" }]);
    expect(renewed.ca.certPem).toBe(first.ca.certPem);
    expect(renewed.serving.notAfter.getTime()).toBe(now + 365 * DAY_MS);
  });

  it("replaces a damaged serving certificate or key: it is derived from the CA", async () => {
    const first = await ensureServerPki(options());
    await writeFile(first.paths.servingCert, "garbage");
    expect((await ensureServerPki(options())).changes).toEqual([{ kind: "serving-certificate-issued", reason: "corrupt" }]);

    // A key from another pair: what a crash between writing key and certificate leaves.
    const other = await ensureServerPki(options({ dataDir: join(dir, "other") }));
    await writeFile(first.paths.servingKey, other.serving.keyPem);
    const healed = await ensureServerPki(options());
    expect(healed.changes).toEqual([{ kind: "serving-certificate-issued", reason: "corrupt" }]);
    expect(new X509Certificate(healed.serving.certPem).verify(new X509Certificate(first.ca.certPem).publicKey)).toBe(true);
  });

  it("replaces a serving certificate signed by another CA", async () => {
    const first = await ensureServerPki(options());
    const other = await ensureServerPki(options({ dataDir: join(dir, "other") }));
    await writeFile(first.paths.servingCert, other.serving.certPem);
    await writeFile(first.paths.servingKey, other.serving.keyPem);

    const again = await ensureServerPki(options());
    expect(again.changes).toEqual([{ kind: "serving-certificate-issued", reason: "not-signed-by-ca" }]);
    expect(new X509Certificate(again.serving.certPem).verify(new X509Certificate(first.ca.certPem).publicKey)).toBe(true);
  });
});

describe("ensureServerPki, a CA it cannot use", () => {
  it("refuses a corrupt CA certificate, naming it, and leaves it as it was", async () => {
    const first = await ensureServerPki(options());
    await writeFile(first.paths.caCert, "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n");

    const error = await rejection(ensureServerPki(options()));
    expect(error).toBeInstanceOf(PkiFileError);
    expect(error).toMatchObject({ path: first.paths.caCert, problem: "corrupt" });
    expect(String(error)).toContain(first.paths.caCert);
    expect(String(error)).toContain("never replaces its CA");
    expect(String(error)).toContain(`move the folder ${first.paths.tlsDir} away`);
    expect(await readFile(first.paths.caCert, "utf8")).toContain("bm90IGEgY2VydA==");
  });

  it("refuses a CA key that belongs to another certificate, naming the key", async () => {
    const first = await ensureServerPki(options());
    const other = await ensureServerPki(options({ dataDir: join(dir, "other") }));
    await writeFile(first.paths.caKey, await readFile(other.paths.caKey));

    const error = await rejection(ensureServerPki(options()));
    expect(error).toMatchObject({ path: first.paths.caKey, problem: "corrupt" });
    expect(String(error)).toContain(`is not the key of the CA certificate ${first.paths.caCert}`);
  });

  it("refuses a CA certificate without its key rather than making a new CA", async () => {
    const first = await ensureServerPki(options());
    await rm(first.paths.caKey);

    const error = await rejection(ensureServerPki(options()));
    expect(error).toMatchObject({ path: first.paths.caKey, problem: "incomplete" });
    await expect(stat(first.paths.caKey)).rejects.toThrow(/ENOENT/);
  });

  it("refuses an expired CA", async () => {
    const first = await ensureServerPki(options());
    now = START + 3651 * DAY_MS;
    const error = await rejection(ensureServerPki(options()));
    expect(error).toMatchObject({ path: first.paths.caCert, problem: "expired" });
  });

  it("refuses a token file that holds no token, naming it", async () => {
    const first = await ensureServerPki(options());
    await writeFile(first.paths.adminToken, "short\n");
    const error = await rejection(ensureServerPki(options()));
    expect(error).toMatchObject({ path: first.paths.adminToken, problem: "corrupt" });
  });
});
