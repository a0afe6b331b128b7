import type { Clock } from "../../src/clock.js";
import { ensureAdminToken } from "./admin-token.js";
import {
  caRecoveryHint,
  createCertificateAuthority,
  parseCertificateAuthority,
  type CertificateAuthority,
} from "./certificate-authority.js";
import { PkiFileError } from "./errors.js";
import { readHostAddresses, type HostAddresses } from "./host-addresses.js";
import { pkiPaths, type PkiPaths } from "./paths.js";
import { createPrivateDir, directoryExists, ensurePrivateDir, readPrivateFile } from "./private-files.js";
import { ensureServingCertificate, type ServingCertificate, type ServingRenewalReason } from "./serving-certificate.js";
import { servingSubjectAltNames } from "./subject-alt-names.js";

export interface EnsureServerPkiOptions {
  /** The server's data dir; created (0700) when missing. */
  dataDir: string;
  /** Extra names or IPs for the serving certificate (`--tls-san`). */
  tlsSans?: readonly string[];
  clock?: Pick<Clock, "now">;
  /** This host's name and addresses; read from the operating system when absent. */
  host?: HostAddresses;
}

/** Something `ensureServerPki` made rather than loaded; the server logs these. */
export type PkiChange =
  | { kind: "ca-created" }
  | { kind: "admin-token-created" }
  | { kind: "serving-certificate-issued"; reason: ServingRenewalReason };

/** Everything the server needs to serve HTTPS and check the admin credential. */
export interface ServerPki {
  /** The cluster CA: `ca.certPem` for clients, `ca.hash` for join tokens, and the signer for `issueCertificate`. */
  ca: CertificateAuthority;
  serving: ServingCertificate;
  /** The admin bearer token. */
  adminToken: string;
  paths: PkiPaths;
  /** What was made during this call (empty when everything was loaded as it was). */
  changes: PkiChange[];
}

async function ensureCertificateAuthority(
  paths: PkiPaths,
  now: Date,
): Promise<{ ca: CertificateAuthority; created: boolean }> {
  if (!(await directoryExists(paths.tlsDir))) {
    const { ca, keyPem } = await createCertificateAuthority(now);
    // Both files appear at once (the folder is renamed into place), so a
    // folder without them is never a crash in the middle of this.
    await createPrivateDir(paths.tlsDir, { "ca.crt": ca.certPem, "ca.key": keyPem });
    return { ca, created: true };
  }
  const certPem = await readPrivateFile(paths.caCert);
  const keyPem = await readPrivateFile(paths.caKey);
  if (certPem === undefined || keyPem === undefined) {
    const missing = certPem === undefined ? paths.caCert : paths.caKey;
    throw new PkiFileError(missing, "incomplete", `is missing. ${caRecoveryHint(paths.caCert, paths.caKey)}`);
  }
  const ca = await parseCertificateAuthority(
    { certPath: paths.caCert, certPem, keyPath: paths.caKey, keyPem },
    now,
  );
  return { ca, created: false };
}

/**
 * Loads the server's PKI from its data dir, making at first start what is
 * missing: a CA (10 years), an admin token, and a serving certificate (1
 * year) for the host's names and addresses, loopback, the `kubernetes`
 * Service and `tlsSans`. On later starts everything is loaded; the serving
 * certificate alone is re-issued when its names changed or it ends within 30
 * days. The CA and the token are never replaced by this function.
 *
 * @throws InvalidTlsSanError for a bad `tlsSans` value (before anything is written).
 * @throws PkiFileError naming the path, when the data dir or a file cannot be used.
 * @example
 * const pki = await ensureServerPki({ dataDir: "/var/lib/skiff", tlsSans: ["skiff.home.arpa"] });
 * https.createServer({ cert: pki.serving.certPem, key: pki.serving.keyPem }, handler);
 */
export async function ensureServerPki(options: EnsureServerPkiOptions): Promise<ServerPki> {
  const paths = pkiPaths(options.dataDir);
  const wanted = servingSubjectAltNames(options.host ?? readHostAddresses(), options.tlsSans ?? []);
  const now = new Date((options.clock ?? Date).now());
  const changes: PkiChange[] = [];

  await ensurePrivateDir(paths.dataDir);
  const { ca, created } = await ensureCertificateAuthority(paths, now);
  if (created) changes.push({ kind: "ca-created" });
  const token = await ensureAdminToken(paths.adminToken);
  if (token.created) changes.push({ kind: "admin-token-created" });
  const { serving, renewed } = await ensureServingCertificate(ca, paths, wanted, now);
  if (renewed !== undefined) changes.push({ kind: "serving-certificate-issued", reason: renewed });

  return { ca, serving, adminToken: token.token, paths, changes };
}
