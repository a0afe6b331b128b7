import type { X509Certificate } from "node:crypto";
import type { CertificateAuthority } from "./certificate-authority.js";
import { certificateSubjectAltNames } from "./certificate-names.js";
import { certificateNotAfter, certificatePublicKeyDer, parseCertificate } from "./certificate-pem.js";
import { PkiFileError } from "./errors.js";
import { issueCertificate } from "./issue-certificate.js";
import { parsePrivateKey, publicKeyDer } from "./keys.js";
import type { PkiPaths } from "./paths.js";
import { readPrivateFile, writePrivateFile } from "./private-files.js";
import { sameSubjectAltNames, type SubjectAltNames } from "./subject-alt-names.js";
import { DAY_MS } from "./validity.js";

/** The API server's TLS certificate and key. */
export interface ServingCertificate {
  certPem: string;
  keyPem: string;
  notAfter: Date;
  subjectAltNames: SubjectAltNames;
}

/** Why a new serving certificate was issued. */
export type ServingRenewalReason =
  /** There was none (first start), or only half of the pair. */
  | "missing"
  /** The stored one could not be parsed, or key and certificate did not match. */
  | "corrupt"
  /** The stored one was signed by another CA (the operator replaced the CA). */
  | "not-signed-by-ca"
  /** Host names, addresses or `--tls-san` values changed. */
  | "sans-changed"
  /** Fewer than 30 days were left. */
  | "expiring";

const SERVING_LIFETIME_MS = 365 * DAY_MS;
const RENEW_BEFORE_MS = 30 * DAY_MS;

/** The common name of the serving certificate; clients check the SANs, not this. */
const SERVING_COMMON_NAME = "skiff";

type Inspection = { keep: ServingCertificate } | { renew: ServingRenewalReason };

function inspect(
  certPem: string,
  keyPem: string,
  paths: PkiPaths,
  ca: CertificateAuthority,
  wanted: SubjectAltNames,
  now: Date,
): Inspection {
  let certificate: X509Certificate;
  try {
    certificate = parseCertificate(certPem, paths.servingCert);
    const key = parsePrivateKey(keyPem, paths.servingKey);
    if (!publicKeyDer(key).equals(certificatePublicKeyDer(certificate))) return { renew: "corrupt" };
  } catch (error) {
    // Derived from the CA, so nothing is lost by issuing it again.
    if (error instanceof PkiFileError) return { renew: "corrupt" };
    throw error;
  }
  if (!certificate.verify(ca.certificate.publicKey)) return { renew: "not-signed-by-ca" };
  const names = certificateSubjectAltNames(certificate);
  if (!sameSubjectAltNames(names, wanted)) return { renew: "sans-changed" };
  const notAfter = certificateNotAfter(certificate);
  if (notAfter.getTime() - now.getTime() < RENEW_BEFORE_MS) return { renew: "expiring" };
  return { keep: { certPem, keyPem, notAfter, subjectAltNames: names } };
}

/**
 * Loads the serving certificate from the data dir, or issues a new one from
 * `ca` (valid one year, for exactly `wanted`) when there is none, it is
 * damaged, from another CA, for other names, or within 30 days of its end.
 * A new pair is written key first, then certificate: a crash in between
 * leaves a mismatched pair, which the next start sees as corrupt and replaces.
 *
 * @throws PkiFileError when a file cannot be read or written.
 */
export async function ensureServingCertificate(
  ca: CertificateAuthority,
  paths: PkiPaths,
  wanted: SubjectAltNames,
  now: Date,
): Promise<{ serving: ServingCertificate; renewed?: ServingRenewalReason }> {
  const certPem = await readPrivateFile(paths.servingCert);
  const keyPem = await readPrivateFile(paths.servingKey);
  const inspection: Inspection =
    certPem === undefined || keyPem === undefined
      ? { renew: "missing" }
      : inspect(certPem, keyPem, paths, ca, wanted, now);
  if ("keep" in inspection) return { serving: inspection.keep };

  const issued = await issueCertificate(
    ca,
    { commonName: SERVING_COMMON_NAME, usage: "server", subjectAltNames: wanted, lifetimeMs: SERVING_LIFETIME_MS },
    now,
  );
  await writePrivateFile(paths.servingKey, issued.keyPem);
  await writePrivateFile(paths.servingCert, issued.certPem);
  return {
    serving: { certPem: issued.certPem, keyPem: issued.keyPem, notAfter: issued.notAfter, subjectAltNames: wanted },
    renewed: inspection.renew,
  };
}
