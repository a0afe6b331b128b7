import type { PolicyRule } from "../../../src/api/rbac/v1/policy-rule.js";
import { all } from "./policy-rule-match.js";

/**
 * A rule split into rules of one verb on one resource of one group (and one
 * name, when it names any), or one verb on one URL: the units whose
 * coverage escalation checks, as Kubernetes' BreakdownRule.
 */
export function breakdownRule(rule: PolicyRule): PolicyRule[] {
  const parts: PolicyRule[] = [];
  for (const group of rule.apiGroups ?? []) {
    for (const resource of rule.resources ?? []) {
      for (const verb of rule.verbs) {
        const names = rule.resourceNames ?? [];
        if (names.length === 0) parts.push({ apiGroups: [group], resources: [resource], verbs: [verb] });
        for (const name of names) parts.push({ apiGroups: [group], resources: [resource], resourceNames: [name], verbs: [verb] });
      }
    }
  }
  for (const url of rule.nonResourceURLs ?? []) {
    for (const verb of rule.verbs) parts.push({ nonResourceURLs: [url], verbs: [verb] });
  }
  return parts;
}

const hasAll = (set: readonly string[], wanted: readonly string[]): boolean => wanted.every((w) => set.includes(w));

function resourcesCover(owned: readonly string[], wanted: readonly string[]): boolean {
  if (owned.includes(all)) return true;
  return wanted.every((resource) => {
    if (owned.includes(resource)) return true;
    const slash = resource.indexOf("/");
    return slash >= 0 && owned.includes(`*/${resource.slice(slash + 1)}`);
  });
}

const urlCovers = (owned: string, wanted: string): boolean => owned === wanted || (owned.endsWith("*") && wanted.startsWith(owned.slice(0, -1)));

function ruleCovers(owner: PolicyRule, wanted: PolicyRule): boolean {
  const verbs = owner.verbs.includes(all) || hasAll(owner.verbs, wanted.verbs);
  const groups = (owner.apiGroups ?? []).includes(all) || hasAll(owner.apiGroups ?? [], wanted.apiGroups ?? []);
  const resources = resourcesCover(owner.resources ?? [], wanted.resources ?? []);
  const urls = (wanted.nonResourceURLs ?? []).every((url) => (owner.nonResourceURLs ?? []).some((o) => urlCovers(o, url)));
  const ownerNames = owner.resourceNames ?? [];
  const wantedNames = wanted.resourceNames ?? [];
  const names = wantedNames.length === 0 ? ownerNames.length === 0 : ownerNames.length === 0 || hasAll(ownerNames, wantedNames);
  return verbs && groups && resources && urls && names;
}

/** The parts of `wanted` that no rule of `owned` covers (empty: the owner holds everything it would grant). */
export function uncoveredRules(owned: readonly PolicyRule[], wanted: readonly PolicyRule[]): PolicyRule[] {
  return wanted.flatMap(breakdownRule).filter((part) => !owned.some((owner) => ruleCovers(owner, part)));
}

/** `{APIGroups:[""], Resources:["secrets"], Verbs:["get"]}`, as Kubernetes prints a rule in escalation errors. */
export function compactRule(rule: PolicyRule): string {
  const list = (values: readonly string[]): string => `[${values.map((v) => JSON.stringify(v)).join(" ")}]`;
  const fields: string[] = [];
  if (rule.apiGroups?.length) fields.push(`APIGroups:${list(rule.apiGroups)}`);
  if (rule.resources?.length) fields.push(`Resources:${list(rule.resources)}`);
  if (rule.resourceNames?.length) fields.push(`ResourceNames:${list(rule.resourceNames)}`);
  if (rule.nonResourceURLs?.length) fields.push(`NonResourceURLs:${list(rule.nonResourceURLs)}`);
  fields.push(`Verbs:${list(rule.verbs)}`);
  return `{${fields.join(", ")}}`;
}
