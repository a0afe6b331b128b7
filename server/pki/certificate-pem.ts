import { X509Certificate } from "node:crypto";
import { caCertificateHash } from "../../src/join/ca-hash.js";
import { PkiFileError } from "./errors.js";

/**
 * Parses the first certificate of a PEM file read from `path`, with Node's
 * own X.509 reader: reading a certificate must not load the library that
 * makes them (it costs the server megabytes of memory on every start).
 *
 * @throws PkiFileError (corrupt) naming `path` when there is no readable certificate.
 */
export function parseCertificate(pem: string, path: string): X509Certificate {
  if (!pem.includes("-----BEGIN CERTIFICATE-----")) {
    throw new PkiFileError(path, "corrupt", "is not a PEM certificate");
  }
  try {
    return new X509Certificate(pem);
  } catch (error) {
    throw new PkiFileError(path, "corrupt", "holds a certificate that cannot be parsed", { cause: error });
  }
}

/** When the certificate stops being valid. */
export function certificateNotAfter(certificate: X509Certificate): Date {
  return new Date(certificate.validTo);
}

/** sha256 of the certificate's DER encoding, lowercase hex: the hash join tokens pin (one definition, in src/join). */
export function certificateHash(certificate: X509Certificate): string {
  return caCertificateHash(new Uint8Array(certificate.raw));
}

/** The certificate's SubjectPublicKeyInfo, DER: compared with a private key's public half. */
export function certificatePublicKeyDer(certificate: X509Certificate): Buffer {
  return certificate.publicKey.export({ type: "spki", format: "der" });
}
