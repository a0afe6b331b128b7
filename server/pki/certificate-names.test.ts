import { X509Certificate } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createCertificateAuthority } from "./certificate-authority.js";
import { certificateSubjectAltNames } from "./certificate-names.js";
import { issueCertificate } from "./issue-certificate.js";
import { DAY_MS } from "./validity.js";

const NOW = new Date(Date.UTC(2025, 5, 1));

async function serverCertificate(dnsNames: string[], ipAddresses: string[]): Promise<X509Certificate> {
  const { ca } = await createCertificateAuthority(NOW);
  const issued = await issueCertificate(ca, { commonName: "skiff", usage: "server", subjectAltNames: { dnsNames, ipAddresses }, lifetimeMs: DAY_MS }, NOW);
  return new X509Certificate(issued.certPem);
}

describe("certificateSubjectAltNames", () => {
  it("reads back the names and addresses a certificate was issued for, canonical", async () => {
    const certificate = await serverCertificate(["localhost", "skiff.home.arpa"], ["127.0.0.1", "::1", "fd00::1:2"]);
    expect(certificateSubjectAltNames(certificate)).toEqual({
      dnsNames: ["localhost", "skiff.home.arpa"],
      ipAddresses: ["127.0.0.1", "::1", "fd00::1:2"],
    });
  });

  it("reads a name holding a comma as one name, not as the names it spells", async () => {
    const certificate = await serverCertificate(["x, DNS:evil.example", "ok.example"], []);
    expect(certificate.subjectAltName).toContain('DNS:"x\\u002c DNS:evil.example"'); // Node quotes and escapes it
    expect(certificateSubjectAltNames(certificate)).toEqual({ dnsNames: ["ok.example"], ipAddresses: [] });
  });

  it("names nothing for a certificate without the extension", async () => {
    const { ca } = await createCertificateAuthority(NOW);
    expect(certificateSubjectAltNames(ca.certificate)).toEqual({ dnsNames: [], ipAddresses: [] });
  });
});
