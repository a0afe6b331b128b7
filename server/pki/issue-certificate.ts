import type { AuthorityKeyIdentifierExtension, Extension, JsonGeneralName, X509Certificate } from "@peculiar/x509";
import type { CertificateAuthority } from "./certificate-authority.js";
import { generatePrivateKey, privateKeyToPem, publicKeyDer, SIGNING_ALGORITHM } from "./keys.js";
import type { SubjectAltNames } from "./subject-alt-names.js";
import { CERTIFICATE_BACKDATE_MS } from "./validity.js";

/** What a leaf certificate says about its holder. */
export interface CertificateRequest {
  /** The subject CN; for a client certificate, the Kubernetes user name (e.g. `system:node:pi-2`). */
  commonName: string;
  /** Subject O values; for a client certificate, the Kubernetes groups (e.g. `system:nodes`). */
  organizations?: readonly string[];
  /** TLS server (serverAuth) or TLS client (clientAuth). */
  usage: "server" | "client";
  /** Names a server certificate is valid for. */
  subjectAltNames?: SubjectAltNames;
  /** How long it is valid from now (cut short at the CA's own end). */
  lifetimeMs: number;
}

/** A signed certificate. */
export interface SignedCertificate {
  certPem: string;
  notAfter: Date;
}

/** A signed certificate with the private key made for it. */
export interface IssuedCertificate extends SignedCertificate {
  /** PKCS#8 PEM. */
  keyPem: string;
}

/**
 * The X.509 library, loaded on first use: the server signs certificates
 * rarely (first start, renewal, node credentials) and reads them with Node's
 * own reader, so most starts never pay for it in memory.
 */
type X509Library = typeof import("@peculiar/x509");

async function authorityKeyIdentifier(x509: X509Library, caCertificate: X509Certificate): Promise<AuthorityKeyIdentifierExtension> {
  const own = caCertificate.getExtension(x509.SubjectKeyIdentifierExtension);
  // A CA made elsewhere may lack a key identifier; derive it from its key then, as RFC 5280 suggests.
  if (!own) return x509.AuthorityKeyIdentifierExtension.create(caCertificate.publicKey);
  return new x509.AuthorityKeyIdentifierExtension(own.keyId);
}

function generalNames(names: SubjectAltNames): JsonGeneralName[] {
  return [
    ...names.dnsNames.map((value): JsonGeneralName => ({ type: "dns", value })),
    ...names.ipAddresses.map((value): JsonGeneralName => ({ type: "ip", value })),
  ];
}

/**
 * Signs `publicKey` (a SubjectPublicKeyInfo, DER) with the CA: for a holder
 * that keeps its own private key, such as an agent that made its key itself.
 *
 * @example
 * const { certPem } = await signPublicKey(ca, spkiDer, {
 *   commonName: "system:node:pi-2", organizations: ["system:nodes"], usage: "client", lifetimeMs: 365 * DAY_MS,
 * }, new Date());
 */
export async function signPublicKey(
  ca: CertificateAuthority,
  publicKey: Uint8Array,
  request: CertificateRequest,
  now: Date,
): Promise<SignedCertificate> {
  const x509 = await import("@peculiar/x509");
  const caCertificate = new x509.X509Certificate(ca.certPem);
  // A certificate must not outlive the CA that vouches for it: clients would reject it then anyway.
  const notAfter = new Date(Math.min(now.getTime() + request.lifetimeMs, ca.notAfter.getTime()));
  const extensions: Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    new x509.ExtendedKeyUsageExtension([request.usage === "server" ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth]),
    await authorityKeyIdentifier(x509, caCertificate),
  ];
  if (request.subjectAltNames) extensions.push(new x509.SubjectAlternativeNameExtension(generalNames(request.subjectAltNames)));
  const certificate = await x509.X509CertificateGenerator.create({
    // One RDN per value, groups first, as Kubernetes' own client certificates are laid out.
    subject: [...(request.organizations ?? []).map((o) => ({ O: [o] })), { CN: [request.commonName] }],
    issuer: caCertificate.subjectName,
    notBefore: new Date(now.getTime() - CERTIFICATE_BACKDATE_MS),
    notAfter,
    publicKey: new Uint8Array(publicKey),
    signingKey: ca.signingKey,
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions,
  });
  return { certPem: `${certificate.toString("pem")}\n`, notAfter };
}

/** Makes a new key pair and a certificate for it signed by the CA. */
export async function issueCertificate(
  ca: CertificateAuthority,
  request: CertificateRequest,
  now: Date,
): Promise<IssuedCertificate> {
  const key = generatePrivateKey();
  const signed = await signPublicKey(ca, publicKeyDer(key), request, now);
  return { ...signed, keyPem: privateKeyToPem(key) };
}
