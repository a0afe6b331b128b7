import type { KeyObject, webcrypto, X509Certificate } from "node:crypto";
import { dirname } from "node:path";
import { certificateHash, certificateNotAfter, certificatePublicKeyDer, parseCertificate } from "./certificate-pem.js";
import { PkiFileError } from "./errors.js";
import {
  generatePrivateKey,
  parsePrivateKey,
  privateKeyToPem,
  publicKeyDer,
  SIGNING_ALGORITHM,
  toSigningKey,
} from "./keys.js";
import { CERTIFICATE_BACKDATE_MS, DAY_MS } from "./validity.js";

/** The cluster's root of trust: signs the serving certificate and, later, node client certificates. */
export interface CertificateAuthority {
  /** The CA certificate, PEM: what clients trust. */
  certPem: string;
  /** sha256 of the CA certificate's DER, lowercase hex: what join tokens pin (`K10<hash>::<id>.<secret>`). */
  hash: string;
  /** The CA certificate as Node reads it. */
  certificate: X509Certificate;
  /** When the CA certificate stops being valid; nothing it signs may outlive it. */
  notAfter: Date;
  signingKey: webcrypto.CryptoKey;
}

const CA_LIFETIME_MS = 3650 * DAY_MS;

async function authorityFrom(certificate: X509Certificate, key: KeyObject): Promise<CertificateAuthority> {
  return {
    certPem: certificate.toString(),
    hash: certificateHash(certificate),
    certificate,
    notAfter: certificateNotAfter(certificate),
    signingKey: await toSigningKey(key),
  };
}

/**
 * A new self-signed CA, valid 10 years from `now`, named `skiff-ca@<unix
 * time>` as k3s names its CAs, so two CAs made at different times are told
 * apart at a glance. The X.509 library is loaded only here and where
 * certificates are signed, never to read them.
 */
export async function createCertificateAuthority(now: Date): Promise<{ ca: CertificateAuthority; keyPem: string }> {
  const { BasicConstraintsExtension, KeyUsageFlags, KeyUsagesExtension, SubjectKeyIdentifierExtension, X509CertificateGenerator } =
    await import("@peculiar/x509");
  const key = generatePrivateKey();
  const publicKey = publicKeyDer(key);
  const name = [{ CN: [`skiff-ca@${Math.floor(now.getTime() / 1000)}`] }];
  const certificate = await X509CertificateGenerator.create({
    subject: name,
    issuer: name,
    notBefore: new Date(now.getTime() - CERTIFICATE_BACKDATE_MS),
    notAfter: new Date(now.getTime() + CA_LIFETIME_MS),
    publicKey,
    signingKey: await toSigningKey(key),
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      new BasicConstraintsExtension(true, undefined, true),
      new KeyUsagesExtension(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign | KeyUsageFlags.digitalSignature, true),
      await SubjectKeyIdentifierExtension.create(publicKey),
    ],
  });
  const made = parseCertificate(certificate.toString("pem"), "the new CA certificate");
  return { ca: await authorityFrom(made, key), keyPem: privateKeyToPem(key) };
}

/** The files a CA is read from; paths are for messages. */
export interface CertificateAuthorityFiles {
  certPath: string;
  certPem: string;
  keyPath: string;
  keyPem: string;
}

/**
 * What to tell an operator whose CA cannot be used. skiff never replaces a
 * CA by itself: every credential and join token issued so far hangs on it.
 */
export function caRecoveryHint(certPath: string, keyPath: string): string {
  return (
    `skiff never replaces its CA by itself. Restore ${certPath} and ${keyPath} from a backup; ` +
    `or, to start over with a new CA (every kubeconfig, join token and node credential issued so far ` +
    `stops working), move the folder ${dirname(certPath)} away and start the server again`
  );
}

/**
 * Reads a CA from its certificate and key PEM: the certificate must be a CA,
 * the key must be its key, and it must not have expired at `now`.
 *
 * @throws PkiFileError naming the file at fault.
 */
export async function parseCertificateAuthority(files: CertificateAuthorityFiles, now: Date): Promise<CertificateAuthority> {
  const hint = caRecoveryHint(files.certPath, files.keyPath);
  const fail = (path: string, problem: "corrupt" | "expired", detail: string, cause?: unknown): PkiFileError =>
    new PkiFileError(path, problem, `${detail}. ${hint}`, { cause });

  let certificate: X509Certificate;
  let key: KeyObject;
  try {
    certificate = parseCertificate(files.certPem, files.certPath);
    key = parsePrivateKey(files.keyPem, files.keyPath);
  } catch (error) {
    if (error instanceof PkiFileError) throw fail(error.path, "corrupt", error.detail, error);
    throw error;
  }
  if (!certificate.ca) {
    throw fail(files.certPath, "corrupt", "is not a CA certificate (its basic constraints do not say CA)");
  }
  if (!publicKeyDer(key).equals(certificatePublicKeyDer(certificate))) {
    throw fail(files.keyPath, "corrupt", `is not the key of the CA certificate ${files.certPath}`);
  }
  const notAfter = certificateNotAfter(certificate);
  if (notAfter.getTime() <= now.getTime()) {
    throw fail(files.certPath, "expired", `expired on ${notAfter.toISOString()}`);
  }
  return authorityFrom(certificate, key);
}
