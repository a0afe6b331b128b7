import { X509Certificate } from "@peculiar/x509";
import { caCertificateHash } from "../../src/join/ca-hash.js";
import { PkiFileError } from "./errors.js";

/**
 * Parses the first certificate of a PEM file read from `path`.
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

/** The certificate as PEM text ending in a newline. */
export function certificateToPem(certificate: X509Certificate): string {
  return `${certificate.toString("pem")}\n`;
}

/** sha256 of the certificate's DER encoding, lowercase hex: the hash join tokens pin (one definition, in src/join). */
export function certificateHash(certificate: X509Certificate): string {
  return caCertificateHash(new Uint8Array(certificate.rawData));
}
