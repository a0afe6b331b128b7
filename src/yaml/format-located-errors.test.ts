import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { invalid, notSupported, required } from "../api/validation/field-error.js";
import { formatLocatedErrors } from "./format-located-errors.js";
import { loadManifests, type LoadedManifest } from "./load-manifests.js";

const fixture = (name: string): string =>
  readFileSync(new URL(`../../test/fixtures/yaml/${name}`, import.meta.url), "utf8");

function manifestsOf(name: string): LoadedManifest[] {
  const { manifests, errors } = loadManifests(fixture(name), name);
  expect(errors).toEqual([]);
  return manifests;
}

describe("formatLocatedErrors", () => {
  test("one line per error: file, line and column, document when there are several, field, message", () => {
    const deployment = manifestsOf("app.yaml").find((m) => m.object.kind === "Deployment");
    if (!deployment) throw new Error("no Deployment");
    const lines = formatLocatedErrors(deployment, [
      invalid("spec.replicas", -1, "must be greater than or equal to 0"),
      required("spec.template.spec.containers[1].resources"),
      notSupported("spec.template.spec.containers[0].ports[0].protocol", "tcp", ["SCTP", "TCP", "UDP"]),
    ]);
    expect(lines).toEqual([
      "app.yaml:25:3: document 3: spec.replicas: Invalid value: -1: must be greater than or equal to 0",
      "app.yaml:46:11: document 3: spec.template.spec.containers[1].resources: Required value",
      'app.yaml:38:15: document 3: spec.template.spec.containers[0].ports[0].protocol: Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP"',
    ]);
  });

  test("a single-document file does not number its document", () => {
    const [deployment] = manifestsOf("deployment.json");
    if (!deployment) throw new Error("no Deployment");
    expect(formatLocatedErrors(deployment, [required("spec.replicas")])).toEqual([
      "deployment.json:8:2: spec.replicas: Required value",
    ]);
  });

  test("an error about the whole object points at its start", () => {
    const [serviceAccount] = manifestsOf("list.yaml");
    if (!serviceAccount) throw new Error("no item");
    expect(formatLocatedErrors(serviceAccount, [invalid("", "x", "not allowed here")])).toEqual([
      'list.yaml:4:5: items[0]: Invalid value: "x": not allowed here',
    ]);
  });

  test("a List's item names its fields by their path in the document", () => {
    const pods = manifestsOf("pod-list.yaml").filter((m) => m.object.kind === "Pod");
    expect(pods.flatMap((pod) => formatLocatedErrors(pod, [required("spec.containers[0].resources")]))).toEqual([
      "pod-list.yaml:12:20: document 2: items[0].spec.containers[0].resources: Required value",
      "pod-list.yaml:17:11: document 2: items[1].spec.containers[0].resources: Required value",
    ]);
  });
});
