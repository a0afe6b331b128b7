import { createPrivateKey, createPublicKey, generateKeyPairSync, webcrypto, type KeyObject } from "node:crypto";
import { PkiFileError } from "./errors.js";

/**
 * Every key skiff makes is ECDSA P-256 and signs with SHA-256, as k3s does:
 * small, fast to make and to use on a Raspberry Pi, accepted by every client.
 */
export const SIGNING_ALGORITHM = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;

/** A new ECDSA P-256 private key. */
export function generatePrivateKey(): KeyObject {
  return generateKeyPairSync("ec", { namedCurve: "prime256v1" }).privateKey;
}

/** PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`), as Node and Go read it. */
export function privateKeyToPem(key: KeyObject): string {
  return key.export({ type: "pkcs8", format: "pem" }).toString();
}

/** The SubjectPublicKeyInfo (DER) of a private key's public half. */
export function publicKeyDer(key: KeyObject): Buffer {
  return createPublicKey(key).export({ type: "spki", format: "der" });
}

/**
 * Parses a PEM private key (PKCS#8 or SEC1) read from `path`.
 *
 * @throws PkiFileError (corrupt) naming `path` when it is not an ECDSA P-256 private key.
 */
export function parsePrivateKey(pem: string, path: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (error) {
    throw new PkiFileError(path, "corrupt", "is not a PEM private key", { cause: error });
  }
  if (key.asymmetricKeyType !== "ec" || key.asymmetricKeyDetails?.namedCurve !== "prime256v1") {
    throw new PkiFileError(path, "corrupt", "is not an ECDSA P-256 private key, the only kind skiff uses");
  }
  return key;
}

/** The same key as a WebCrypto key that can sign (what the X.509 library signs with). */
export async function toSigningKey(key: KeyObject): Promise<webcrypto.CryptoKey> {
  const der = key.export({ type: "pkcs8", format: "der" });
  return webcrypto.subtle.importKey("pkcs8", der, SIGNING_ALGORITHM, false, ["sign"]);
}
