import type { X509Certificate } from "node:crypto";
import { subjectAltNames, type SubjectAltNames } from "./subject-alt-names.js";

/**
 * One entry of Node's `subjectAltName` text: `DNS:name` or `IP Address:addr`,
 * the value JSON-quoted when it holds a comma, quote or other character that
 * would make the list ambiguous.
 */
const ENTRY = /([A-Za-z ]+):("(?:[^"\\]|\\.)*"|[^,]*)(?:, |$)/gy;

/** The DNS names and IP addresses a certificate names, canonical as subjectAltNames makes them. */
export function certificateSubjectAltNames(certificate: X509Certificate): SubjectAltNames {
  const dnsNames: string[] = [];
  const ipAddresses: string[] = [];
  const text = certificate.subjectAltName ?? "";
  ENTRY.lastIndex = 0;
  for (let match = ENTRY.exec(text); match && match[0] !== ""; match = ENTRY.exec(text)) {
    const type = match[1];
    const raw = match[2] ?? "";
    const value = raw.startsWith('"') ? (JSON.parse(raw) as string) : raw;
    if (type === "DNS") dnsNames.push(value);
    else if (type === "IP Address") ipAddresses.push(value);
  }
  return subjectAltNames(dnsNames, ipAddresses);
}
