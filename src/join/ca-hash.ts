import { createHash, X509Certificate } from "node:crypto";

/**
 * What a join token pins: sha256 of the CA certificate's DER encoding,
 * lowercase hex. The server computes it when it prints a token; the agent
 * computes it over the CA it is sent, before it trusts that CA. One
 * definition for both, so they cannot drift apart.
 */
export function caCertificateHash(der: Uint8Array): string {
  return createHash("sha256").update(der).digest("hex");
}

/** A CA certificate read from PEM text, and its hash. */
export interface PinnableCa {
  pem: string;
  hash: string;
}

/**
 * Reads the first certificate of `pem` and hashes it. Undefined when the text
 * holds no certificate, or one that is not a CA.
 */
export function pinnableCa(pem: string): PinnableCa | undefined {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(pem);
  } catch {
    return undefined;
  }
  if (!certificate.ca) return undefined;
  return { pem: certificate.toString(), hash: caCertificateHash(certificate.raw) };
}
