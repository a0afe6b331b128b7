import type { ApiObject } from "../../client/rest/rest-client.js";
import { describeEvents, type DescribedEvent } from "./describe-events.js";
import { DescribeText } from "./describe-text.js";

/**
 * `skiff describe` for any kind, as kubectl's generic describer prints
 * objects it has no dedicated view for: Name, Namespace, Labels and
 * Annotations first, then every field as an indented tree whose labels are
 * the field names spelled out (`creationTimestamp` → `Creation Timestamp`),
 * then the events about the object.
 */

// What the header shows already, and what no reader wants to see.
const skipped = new Set([".metadata.managedFields", ".metadata.name", ".metadata.namespace", ".metadata.labels", ".metadata.annotations"]);

// kubectl shows its own bookkeeping nowhere in describe.
const hiddenAnnotations = new Set(["kubectl.kubernetes.io/last-applied-configuration"]);
const maxAnnotationLength = 140;

/**
 * The description of one object; `events` undefined leaves the Events
 * section out (kubectl does so when it cannot read them).
 *
 * @example
 * describeObject(deployment, events, Date.now()); // "Name:         hello\nNamespace:    default\n..."
 */
export function describeObject(object: ApiObject, events: readonly DescribedEvent[] | undefined, now: number): string {
  const text = new DescribeText();
  const metadata = object.metadata ?? {};
  text.line(0, `Name:\t${metadata.name ?? ""}`);
  text.line(0, `Namespace:\t${metadata.namespace ?? ""}`);
  writeLabels(text, "Labels", stringMap(metadata.labels));
  writeAnnotations(text, "Annotations", stringMap(metadata.annotations));
  writeFields(text, 0, object, "");
  if (events !== undefined) describeEvents(text, events, now);
  return text.toString();
}

function stringMap(value: unknown): Record<string, string> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, String(v)]));
}

function writeLabels(text: DescribeText, title: string, labels: Record<string, string>): void {
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) {
    text.line(0, `${title}:\t<none>`);
    return;
  }
  keys.forEach((key, i) => text.line(0, `${i === 0 ? `${title}:` : ""}\t${key}=${labels[key]}`));
}

function writeAnnotations(text: DescribeText, title: string, annotations: Record<string, string>): void {
  const keys = Object.keys(annotations)
    .filter((key) => !hiddenAnnotations.has(key))
    .sort();
  if (keys.length === 0) {
    text.line(0, `${title}:\t<none>`);
    return;
  }
  keys.forEach((key, i) => {
    const lead = i === 0 ? `${title}:\t` : "\t";
    const value = annotations[key]!.replace(/\n$/, "");
    // Long or multi-line values go under their key, each line cut at the limit.
    if (value.length + key.length + 2 > maxAnnotationLength || value.includes("\n")) {
      text.line(0, `${lead}${key}:`);
      for (const part of value.split("\n")) text.line(0, `\t  ${shorten(part, maxAnnotationLength - 2)}`);
    } else {
      text.line(0, `${lead}${key}: ${value}`);
    }
  });
}

const shorten = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max)}...` : s);

function writeFields(text: DescribeText, level: number, content: Record<string, unknown>, path: string): void {
  for (const field of Object.keys(content).sort()) {
    const value = content[field];
    const fieldPath = `${path}.${field}`;
    if (skipped.has(fieldPath) || value === undefined) continue;
    if (isRecord(value)) {
      text.line(level, `${fieldLabel(field)}:`);
      writeFields(text, level + 1, value, fieldPath);
    } else if (Array.isArray(value)) {
      text.line(level, `${fieldLabel(field)}:`);
      for (const item of value) {
        if (isRecord(item)) writeFields(text, level + 1, item, fieldPath);
        else text.line(level + 1, scalarText(item));
      }
    } else {
      text.line(level, `${fieldLabel(field)}:\t${scalarText(value)}`);
    }
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A leaf as Go's `%v` prints it. */
function scalarText(value: unknown): string {
  if (value === null || value === undefined) return "<nil>";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

const acronyms = new Set(["API", "URL", "UID", "OSB", "GUID"]);

/**
 * A field name spelled out as kubectl's describe does: split where the case
 * changes (`podIPs` → `Pod I Ps`, faithfully), each part capitalised,
 * known acronyms upper-cased; a name with characters other than letters and
 * `-` is left as it is (map keys such as `app.kubernetes.io/name`).
 */
export function fieldLabel(field: string): string {
  if (/[^\p{L}-]/u.test(field)) return field;
  return camelCaseParts(field)
    .map((part) => (acronyms.has(part.toUpperCase()) ? part.toUpperCase() : part.charAt(0).toUpperCase() + part.slice(1)))
    .join(" ");
}

/** fatih/camelcase's split: runs of lower, upper, digit and other characters; an upper run's last letter starts the next lower run. */
function camelCaseParts(text: string): string[] {
  const classOf = (c: string): number => (/\p{Ll}/u.test(c) ? 1 : /\p{Lu}/u.test(c) ? 2 : /\p{Nd}/u.test(c) ? 3 : 4);
  const runs: string[][] = [];
  let last = 0;
  for (const c of text) {
    const cls = classOf(c);
    if (cls === last) runs[runs.length - 1]!.push(c);
    else runs.push([c]);
    last = cls;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    const run = runs[i]!;
    const next = runs[i + 1]!;
    if (classOf(run[0]!) === 2 && classOf(next[0]!) === 1) next.unshift(run.pop()!);
  }
  return runs.filter((run) => run.length > 0).map((run) => run.join(""));
}
