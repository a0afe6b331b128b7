import { createHash, createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from "node:crypto";
import { join } from "node:path";
import { promisify } from "node:util";
import { PkiFileError } from "../../pki/errors.js";
import { readPrivateFile, writePrivateFile } from "../../pki/private-files.js";

/** The key pair that signs and verifies ServiceAccount tokens (RS256, as Kubernetes' --service-account-key-file). */
export interface ServiceAccountSigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The JWT `kid`: base64url of the SHA-256 of the public key's DER, as Kubernetes derives it. */
  keyId: string;
}

/** The signing key's file inside the folder of the CA (`tls/`, 0700). */
export const signingKeyFileName = "sa.key";

function keyIdOf(publicKey: KeyObject): string {
  return createHash("sha256").update(publicKey.export({ type: "spki", format: "der" })).digest("base64url");
}

function fromPrivatePem(pem: string, path: string): ServiceAccountSigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch (error) {
    throw new PkiFileError(path, "corrupt", "is not a PEM private key: remove it to have a new one made (every issued ServiceAccount token stops working)", { cause: error });
  }
  if (privateKey.asymmetricKeyType !== "rsa") {
    throw new PkiFileError(path, "corrupt", "is not an RSA key: remove it to have a new one made (every issued ServiceAccount token stops working)");
  }
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, keyId: keyIdOf(publicKey) };
}

/**
 * Loads the ServiceAccount signing key from `tlsDir`, making a 2048-bit RSA
 * key (0600) at first start. The same key after a restart keeps issued
 * tokens valid.
 */
export async function ensureServiceAccountSigningKey(tlsDir: string): Promise<{ key: ServiceAccountSigningKey; created: boolean }> {
  const path = join(tlsDir, signingKeyFileName);
  const existing = await readPrivateFile(path);
  if (existing !== undefined) return { key: fromPrivatePem(existing, path), created: false };
  const { privateKey } = await promisify(generateKeyPair)("rsa", { modulusLength: 2048 });
  const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  await writePrivateFile(path, pem);
  return { key: fromPrivatePem(pem, path), created: true };
}
