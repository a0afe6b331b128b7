import { invalid, type FieldError } from "../../validation/field-error.js";
import type { FieldPath } from "../../validation/field-path.js";

/** Which special ranges an (already valid) address falls in. */
function classify(ip: string): { unspecified: boolean; loopback: boolean; linkLocal: boolean; linkLocalMulticast: boolean } {
  if (!ip.includes(":")) {
    const [a = 0, b = 0, c = 0] = ip.split(".").map(Number);
    return {
      unspecified: ip === "0.0.0.0",
      loopback: a === 127,
      linkLocal: a === 169 && b === 254,
      linkLocalMulticast: a === 224 && b === 0 && c === 0,
    };
  }
  const lower = ip.toLowerCase();
  const expanded = lower.replace(/^::/, "0::");
  const first = Number.parseInt(expanded.split(":")[0] ?? "0", 16);
  const zeros = /^[0:]*$/;
  return {
    unspecified: zeros.test(lower),
    loopback: /^[0:]*:0*1$/.test(lower) && !zeros.test(lower),
    linkLocal: (first & 0xffc0) === 0xfe80,
    linkLocalMulticast: (first & 0xff0f) === 0xff02,
  };
}

/**
 * Addresses an endpoint or a Service's external IP may not have: unspecified,
 * loopback, link-local; they make no sense as a Service's backends.
 */
export function validateEndpointIP(ip: string, path: FieldPath): FieldError[] {
  const kind = classify(ip);
  if (kind.unspecified) return [invalid(path, ip, `may not be unspecified (${ip})`)];
  if (kind.loopback) return [invalid(path, ip, "may not be in the loopback range (127.0.0.0/8, ::1/128)")];
  if (kind.linkLocal) return [invalid(path, ip, "may not be in the link-local range (169.254.0.0/16, fe80::/10)")];
  if (kind.linkLocalMulticast) return [invalid(path, ip, "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)")];
  return [];
}
