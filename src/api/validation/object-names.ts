import { isDNS1035Label, isDNS1123Label, isDNS1123Subdomain } from "./names.js";

/**
 * Checks an object's name, or with `prefix` its generateName, and returns
 * the messages of every rule it breaks (Kubernetes' ValidateNameFunc).
 */
export type NameValidator = (name: string, prefix: boolean) => string[];

/** A generateName may end in "-": the random suffix follows it. */
function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith("-") ? `${name.slice(0, -2)}a` : name;
}

/** Most kinds: a DNS-1123 subdomain (`my-app.v1`). */
export const nameIsDNSSubdomain: NameValidator = (name, prefix) =>
  isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name);

/** Namespaces: a DNS-1123 label (`kube-system`). */
export const nameIsDNSLabel: NameValidator = (name, prefix) => isDNS1123Label(prefix ? maskTrailingDash(name) : name);

/** Services: a DNS-1035 label, starting with a letter (`web`). */
export const nameIsDNS1035Label: NameValidator = (name, prefix) =>
  isDNS1035Label(prefix ? maskTrailingDash(name) : name);

/**
 * RBAC objects: any name usable as one path segment, so `system:controller:x`
 * is fine but `a/b`, `50%`, `.` and `..` are not.
 */
export const nameIsPathSegment: NameValidator = (name, prefix) => {
  if (!prefix && (name === "." || name === "..")) return [`may not be '${name}'`];
  const errors: string[] = [];
  for (const banned of ["/", "%"]) if (name.includes(banned)) errors.push(`may not contain '${banned}'`);
  return errors;
};
