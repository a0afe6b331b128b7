import { createPrivateKey, generateKeyPairSync, X509Certificate } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createCertificateAuthority } from "./certificate-authority.js";
import { issueCertificate, signPublicKey } from "./issue-certificate.js";
import { DAY_MS } from "./validity.js";

const NOW = new Date(Date.UTC(2025, 5, 1));

describe("issueCertificate", () => {
  it("makes a client certificate whose subject carries the user (CN) and groups (O)", async () => {
    const { ca } = await createCertificateAuthority(NOW);
    const issued = await issueCertificate(
      ca,
      { commonName: "system:node:pi-2", organizations: ["system:nodes"], usage: "client", lifetimeMs: 30 * DAY_MS },
      NOW,
    );
    const cert = new X509Certificate(issued.certPem);

    expect(cert.subject).toBe("O=system:nodes\nCN=system:node:pi-2");
    expect(cert.issuer).toBe(new X509Certificate(ca.certPem).subject);
    expect(cert.keyUsage).toEqual(["1.3.6.1.5.5.7.3.2"]);
    expect(cert.ca).toBe(false);
    expect(cert.subjectAltName).toBeUndefined();
    expect(cert.verify(new X509Certificate(ca.certPem).publicKey)).toBe(true);
    expect(cert.checkPrivateKey(createPrivateKey(issued.keyPem))).toBe(true);
    expect(new Date(cert.validFrom).getTime()).toBe(NOW.getTime() - 5 * 60 * 1000);
    expect(issued.notAfter.getTime()).toBe(NOW.getTime() + 30 * DAY_MS);
  });

  it("never outlives the CA", async () => {
    const { ca } = await createCertificateAuthority(NOW);
    const late = new Date(ca.notAfter.getTime() - 10 * DAY_MS);
    const issued = await issueCertificate(ca, { commonName: "x", usage: "server", lifetimeMs: 365 * DAY_MS }, late);
    expect(issued.notAfter).toEqual(ca.notAfter);
  });
});

describe("signPublicKey", () => {
  it("certifies a key its holder keeps", async () => {
    const { ca } = await createCertificateAuthority(NOW);
    const holder = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    const spki = holder.publicKey.export({ type: "spki", format: "der" });

    const { certPem } = await signPublicKey(ca, spki, { commonName: "agent", usage: "client", lifetimeMs: DAY_MS }, NOW);
    const cert = new X509Certificate(certPem);
    expect(cert.checkPrivateKey(holder.privateKey)).toBe(true);
    expect(cert.verify(new X509Certificate(ca.certPem).publicKey)).toBe(true);
  });
});
