import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { decodeObject } from "../api/decode.js";
import { formatLocatedErrors } from "./format-located-errors.js";
import { loadManifests } from "./load-manifests.js";

// The loader and the model meet here, as the CLI combines them: load, decode
// each object, and point every field error at its line in the file.
test("a broken manifest's field errors are reported at the lines that hold them", () => {
  const name = "broken-pod.yaml";
  const text = readFileSync(new URL(`../../test/fixtures/yaml/${name}`, import.meta.url), "utf8");
  const { manifests, errors } = loadManifests(text, name);
  expect(errors).toEqual([]);
  const lines = manifests.flatMap((manifest) => {
    const decoded = decodeObject(manifest.object);
    return decoded.ok ? [] : formatLocatedErrors(manifest, decoded.errors);
  });
  expect(lines).toEqual([
    `broken-pod.yaml:14:3: document 2: metadata.name: Invalid value: "Web_App": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    "broken-pod.yaml:20:7: document 2: spec.containers[0].image: Required value",
    "broken-pod.yaml:23:11: document 2: spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
    'broken-pod.yaml:24:11: document 2: spec.containers[0].ports[0].protocol: Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP"',
    'broken-pod.yaml:21:7: document 2: spec.containers[0].imagePullPolicy: Unsupported value: "always": supported values: "Always", "IfNotPresent", "Never"',
    'broken-pod.yaml:25:7: document 2: spec.containers[1].name: Duplicate value: "web"',
    'broken-pod.yaml:18:3: document 2: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    "broken-pod.yaml:36:7: document 3: spec.containers[0].comand: Unknown field",
  ]);
});
