import { request } from "node:https";
import { pinnableCa, type PinnableCa } from "./ca-hash.js";
import { caCertsPath } from "./join-api.js";
import { JoinError } from "./join-error.js";

/** A CA certificate is a few KiB; anything much larger is not one. */
const maxCaBytes = 256 * 1024;
const timeoutMs = 15_000;

/**
 * Fetches the server's CA from `GET /cacerts` over TLS without checking the
 * server's certificate: nothing is trusted yet, so nothing secret is sent
 * (no credentials, no token). The caller trusts the answer only once its
 * hash matches the join token's.
 *
 * @throws JoinError (unreachable, bad-answer)
 */
export function fetchUntrustedCa(server: string): Promise<PinnableCa> {
  const url = new URL(caCertsPath, server);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      // The one connection that does not verify the server: it carries no secret.
      { method: "GET", rejectUnauthorized: false, headers: { "User-Agent": "skiff-join" }, timeout: timeoutMs },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxCaBytes) {
            response.destroy();
            reject(new JoinError("bad-answer", `${url.origin}${caCertsPath} answered more than ${maxCaBytes} bytes: not a CA certificate`));
            return;
          }
          chunks.push(chunk);
        });
        response.on("error", (error) => reject(new JoinError("unreachable", `${url.origin}: ${error.message}`, { cause: error })));
        response.on("end", () => {
          if (response.statusCode !== 200) {
            reject(new JoinError("bad-answer", `${url.origin}${caCertsPath} answered ${response.statusCode ?? "nothing"}: is this a skiff server?`));
            return;
          }
          const ca = pinnableCa(Buffer.concat(chunks).toString("utf8"));
          if (ca === undefined) {
            reject(new JoinError("bad-answer", `${url.origin}${caCertsPath} did not answer with a CA certificate: is this a skiff server?`));
            return;
          }
          resolve(ca);
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on("error", (error) => reject(new JoinError("unreachable", `cannot reach ${url.origin}: ${error.message}`, { cause: error })));
    req.end();
  });
}
