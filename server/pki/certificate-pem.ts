import { createHash } from "node:crypto";
import { X509Certificate } from "@peculiar/x509";
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

/** sha256 of the certificate's DER encoding, lowercase hex. */
export function certificateHash(certificate: X509Certificate): string {
  return createHash("sha256").update(new Uint8Array(certificate.rawData)).digest("hex");
}
