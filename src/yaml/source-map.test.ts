import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { loadManifests, type LoadedManifest } from "./load-manifests.js";

const app = readFileSync(new URL("../../test/fixtures/yaml/app.yaml", import.meta.url), "utf8");

function deployment(): LoadedManifest {
  const found = loadManifests(app, "app.yaml").manifests.find((m) => m.object.kind === "Deployment");
  if (!found) throw new Error("no Deployment in app.yaml");
  return found;
}

describe("locate maps a Kubernetes field path to where it was written", () => {
  test.each([
    ["", 15, 1],
    ["metadata.name", 18, 3],
    ["metadata.labels[app.kubernetes.io/part-of]", 21, 5],
    ["metadata.annotations[example.com/owner.team]", 23, 5],
    ["spec.template.spec.containers[0].image", 36, 11],
    ["spec.template.spec.containers[0].ports[0].containerPort", 38, 15],
    ["spec.template.spec.containers[0].env[0].value", 42, 15],
    ["spec.template.spec.containers[1]", 46, 11],
    ["spec.template.spec.containers[1].args[1]", 48, 27],
    ["spec.template.spec.volumes[0].configMap.defaultMode", 53, 13],
  ])("%j is at %i:%i", (path, line, column) => {
    expect(deployment().locate(path)).toEqual({ line, column });
  });

  test.each([
    // A missing field points at the object that should hold it.
    ["spec.template.spec.containers[1].resources.limits", 46, 11],
    ["spec.template.spec.containers[5].image", 34, 7],
    ["spec.strategy.rollingUpdate", 24, 1],
    ["metadata.labels[tier]", 19, 3],
    // An index into a mapping, or a malformed tail, stops where the path stops matching.
    ["metadata[0]", 17, 1],
    ["spec.template[", 29, 3],
  ])("missing %j falls back to %i:%i", (path, line, column) => {
    expect(deployment().locate(path)).toEqual({ line, column });
  });

  test("values from aliases and merges point at their anchor; keys as Kubernetes sees them", () => {
    const text = [
      "kind: Pod", //                              1
      "defaults: &d", //                           2
      "  imagePullPolicy: Always", //              3
      "spec:", //                                  4
      "  containers:", //                          5
      "    - <<: *d", //                           6
      "      name: app", //                        7
      "  on: 1", //                                8
      "  0644: x", //                              9
    ].join("\n");
    const [pod] = loadManifests(text, "p.yaml").manifests;
    expect(pod?.locate("spec.containers[0].imagePullPolicy")).toEqual({ line: 3, column: 3 });
    expect(pod?.locate("spec.containers[0].name")).toEqual({ line: 7, column: 7 });
    expect(pod?.locate("spec[true]")).toEqual({ line: 8, column: 3 });
    expect(pod?.locate("spec[420]")).toEqual({ line: 9, column: 3 });
  });
});
