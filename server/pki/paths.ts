import { join, resolve } from "node:path";

/** Where the server keeps its PKI and admin credential inside its data dir. */
export interface PkiPaths {
  /** Absolute data dir (0700). */
  dataDir: string;
  /** Folder of the CA and the serving certificate (0700). */
  tlsDir: string;
  caCert: string;
  caKey: string;
  servingCert: string;
  servingKey: string;
  /** The admin bearer token, one line. */
  adminToken: string;
  /** The kubeconfig for kubectl and `skiff`, with the admin token. */
  adminKubeconfig: string;
}

/** The PKI file layout of the data dir `dataDir` (made absolute). */
export function pkiPaths(dataDir: string): PkiPaths {
  const dir = resolve(dataDir);
  const tlsDir = join(dir, "tls");
  return {
    dataDir: dir,
    tlsDir,
    caCert: join(tlsDir, "ca.crt"),
    caKey: join(tlsDir, "ca.key"),
    servingCert: join(tlsDir, "serving.crt"),
    servingKey: join(tlsDir, "serving.key"),
    adminToken: join(dir, "admin.token"),
    adminKubeconfig: join(dir, "admin.kubeconfig"),
  };
}
