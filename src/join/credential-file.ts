import { randomBytes } from "node:crypto";
import { chmod, mkdir, open, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { pinnableCa } from "./ca-hash.js";
import type { NodeCredential } from "./join-exchange.js";
import { JoinError } from "./join-error.js";

/** The file in an agent's data dir that holds its node credential (0600). */
export const credentialFileName = "node-credential.json";

const storedSchema = z.strictObject({
  nodeName: z.string().min(1),
  caPem: z.string().min(1),
  token: z.string().min(1),
});

const errnoCode = (error: unknown): string | undefined =>
  error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : undefined;

/**
 * The credential stored in `dataDir`, or undefined when there is none.
 *
 * @throws JoinError (credential-file) when the file cannot be read or does not hold a credential.
 */
export async function readNodeCredential(dataDir: string): Promise<NodeCredential | undefined> {
  const path = join(dataDir, credentialFileName);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if (errnoCode(error) === "ENOENT") return undefined;
    throw new JoinError("credential-file", `${path}: cannot be read (${errnoCode(error) ?? String(error)})`, { cause: error });
  }
  const credential = parseStored(text);
  if (credential === undefined) {
    throw new JoinError("credential-file", `${path}: does not hold a node credential; remove it to join again with a token`);
  }
  return credential;
}

function parseStored(text: string): NodeCredential | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = storedSchema.safeParse(json);
  return parsed.success && pinnableCa(parsed.data.caPem) !== undefined ? parsed.data : undefined;
}

/**
 * Stores the credential in `dataDir` (made 0700), as a 0600 file written
 * beside it and renamed into place, so a crash leaves the old file or the
 * new one, never half of one.
 *
 * @throws JoinError (credential-file)
 */
export async function writeNodeCredential(dataDir: string, credential: NodeCredential): Promise<string> {
  const path = join(dataDir, credentialFileName);
  const temp = join(dataDir, `.${credentialFileName}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    await chmod(dataDir, 0o700);
    const handle = await open(temp, "wx", 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(credential, null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw new JoinError("credential-file", `${path}: cannot be written (${errnoCode(error) ?? String(error)})`, { cause: error });
  }
  return path;
}
