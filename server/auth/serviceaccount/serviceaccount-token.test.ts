import { mkdir, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { FakeClock } from "../../../src/clock.js";
import { useTempDir } from "../../../test/support/temp-dir.js";
import { PkiFileError } from "../../pki/errors.js";
import { createTokenIssuer, type TokenParameters } from "./issue-token.js";
import { serviceAccountUser } from "./authenticator.js";
import { ensureServiceAccountSigningKey } from "./signing-key.js";
import { verifyServiceAccountToken } from "./verify-token.js";

const issuer = "https://skiff.test";
const parameters: TokenParameters = {
  namespace: "apps",
  serviceAccount: { name: "robot", uid: "sa-1" },
  boundTo: { kind: "Pod", name: "web-0", uid: "pod-1" },
  audiences: [issuer],
  expirationSeconds: 600,
};

describe("ServiceAccount signing key, issuing and verifying", () => {
  const dir = useTempDir("skiff-sa-key-");

  it("makes a 0600 RSA key once and loads the same key afterwards", async () => {
    const first = await ensureServiceAccountSigningKey(dir());
    expect(first.created).toBe(true);
    expect((await stat(join(dir(), "sa.key"))).mode & 0o777).toBe(0o600);
    const again = await ensureServiceAccountSigningKey(dir());
    expect(again.created).toBe(false);
    expect(again.key.keyId).toBe(first.key.keyId);
  });

  it("refuses a key file that is not a PEM RSA key, naming the file", async () => {
    const bad = join(dir(), "bad");
    await mkdir(bad, { mode: 0o700 });
    await writeFile(join(bad, "sa.key"), "garbage", { mode: 0o600 });
    const error = await ensureServiceAccountSigningKey(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PkiFileError);
    expect((error as PkiFileError).path).toBe(join(bad, "sa.key"));
  });

  it("verifies its tokens until they expire, and only for its audiences", async () => {
    const { key } = await ensureServiceAccountSigningKey(dir());
    const clock = new FakeClock(Date.parse("2026-01-01T00:00:00Z"));
    const token = (await createTokenIssuer({ key, issuer, clock }).issue(parameters)).token;
    const verify = (audiences = [issuer]) => verifyServiceAccountToken(token, { key, issuer, audiences, clock });
    expect((await verify())?.["kubernetes.io"]).toEqual({
      namespace: "apps",
      serviceaccount: { name: "robot", uid: "sa-1" },
      pod: { name: "web-0", uid: "pod-1" },
    });
    expect(await verify(["vault"])).toBeUndefined();
    expect(await verifyServiceAccountToken(token, { key, issuer: "https://other", audiences: [issuer], clock })).toBeUndefined();
    clock.advance(600_000);
    expect(await verify()).toBeUndefined();
  });

  it("makes the ServiceAccount's user, with the pod, node and token id as extra", () => {
    const user = serviceAccountUser({
      sub: "system:serviceaccount:apps:robot",
      jti: "j-1",
      "kubernetes.io": {
        namespace: "apps",
        serviceaccount: { name: "robot", uid: "sa-1" },
        pod: { name: "web-0", uid: "pod-1" },
        node: { name: "pi-1", uid: "node-1" },
      },
    });
    expect(user).toEqual({
      name: "system:serviceaccount:apps:robot",
      uid: "sa-1",
      groups: ["system:serviceaccounts", "system:serviceaccounts:apps", "system:authenticated"],
      extra: {
        "authentication.kubernetes.io/pod-name": ["web-0"],
        "authentication.kubernetes.io/pod-uid": ["pod-1"],
        "authentication.kubernetes.io/node-name": ["pi-1"],
        "authentication.kubernetes.io/node-uid": ["node-1"],
        "authentication.kubernetes.io/credential-id": ["JTI=j-1"],
      },
    });
  });

  it("refuses tokens whose subject does not name the ServiceAccount of the claim, and anything not a JWT", async () => {
    const { key } = await ensureServiceAccountSigningKey(dir());
    const clock = new FakeClock(Date.parse("2026-01-01T00:00:00Z"));
    const now = Math.floor(clock.now() / 1000);
    const forged = await new SignJWT({ "kubernetes.io": { namespace: "apps", serviceaccount: { name: "robot", uid: "sa-1" } } })
      .setProtectedHeader({ alg: "RS256" })
      .setIssuer(issuer)
      .setSubject("system:serviceaccount:kube-system:admin")
      .setAudience(issuer)
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(key.privateKey);
    const options = { key, issuer, audiences: [issuer], clock };
    expect(await verifyServiceAccountToken(forged, options)).toBeUndefined();
    for (const junk of ["", "admin-token", "a.b.c", "a.b", "x".repeat(10_000)]) {
      expect(await verifyServiceAccountToken(junk, options)).toBeUndefined();
    }
  });
});
