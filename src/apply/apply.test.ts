import { describe, expect, it } from "vitest";
import type { JsonObject, JsonValue } from "../patch/json-value.js";
import { ApplyError } from "./apply-error.js";
import { serverSideApply, type ApplyOptions } from "./apply.js";
import { conflictCauses, conflictMessage } from "./conflicts.js";
import { lastAppliedAnnotation } from "./last-applied.js";
import { recordUpdate } from "./record-update.js";
import { managerNames, ownedBy } from "./testing/managed.js";

const deploymentType = { apiVersion: "apps/v1", kind: "Deployment" };
const configMapType = { apiVersion: "v1", kind: "ConfigMap" };
const t0 = Date.UTC(2024, 0, 1);

interface Container {
  name: string;
  image?: string;
  env?: Record<string, string>;
  command?: string[];
}

/** A Deployment configuration as a user writes it. */
function deployment(spec: { replicas?: number; labels?: Record<string, string>; containers?: Container[] } = {}): JsonObject {
  const containers = (spec.containers ?? [{ name: "web", image: "nginx:1.27" }]).map((c) => ({
    name: c.name,
    ...(c.image === undefined ? {} : { image: c.image }),
    ...(c.command === undefined ? {} : { command: c.command }),
    ...(c.env === undefined ? {} : { env: Object.entries(c.env).map(([name, value]) => ({ name, value })) }),
  }));
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", ...(spec.labels === undefined ? {} : { labels: spec.labels }) },
    spec: {
      ...(spec.replicas === undefined ? {} : { replicas: spec.replicas }),
      selector: { matchLabels: { app: "web" } },
      template: { metadata: { labels: { app: "web" } }, spec: { containers } },
    },
  };
}

function options(manager: string, extra: Partial<ApplyOptions> = {}): ApplyOptions {
  return { type: deploymentType, manager, force: false, now: t0, ...extra };
}

/** Applies and expects success. */
function apply(live: JsonObject | undefined, config: JsonValue, manager: string, extra: Partial<ApplyOptions> = {}): JsonObject {
  const outcome = serverSideApply(live, config, options(manager, extra));
  if (!outcome.ok) throw new Error(`unexpected conflicts: ${conflictMessage(outcome.conflicts)}`);
  return outcome.object;
}

/** Applies and expects conflicts; returns Kubernetes' message for them. */
function conflictsOf(live: JsonObject | undefined, config: JsonValue, manager: string, extra: Partial<ApplyOptions> = {}): string {
  const outcome = serverSideApply(live, config, options(manager, extra));
  if (outcome.ok) throw new Error("expected conflicts");
  return conflictMessage(outcome.conflicts);
}

const spec = (object: JsonObject): JsonObject => object.spec as JsonObject;
const containers = (object: JsonObject): JsonObject[] => ((spec(object).template as JsonObject).spec as JsonObject).containers as JsonObject[];
const labels = (object: JsonObject): JsonValue | undefined => (object.metadata as JsonObject).labels;

/** What the server adds after an apply: defaults and status nobody applied. */
function defaulted(object: JsonObject): JsonObject {
  const copy = structuredClone(object);
  spec(copy).revisionHistoryLimit = 10;
  for (const c of containers(copy)) c.terminationMessagePath = "/dev/termination-log";
  copy.status = { replicas: 1 };
  return copy;
}

describe("serverSideApply", () => {
  it("creates the object, its applier owning exactly what it applied", () => {
    const created = apply(undefined, deployment({ replicas: 2, labels: { app: "web" } }), "kubectl");
    expect(spec(created).replicas).toBe(2);
    expect(managerNames(created)).toEqual(["Apply kubectl"]);
    expect(ownedBy(created, "kubectl")).toEqual([
      ".metadata.labels.app",
      ".spec.replicas",
      ".spec.selector",
      ".spec.template.metadata.labels.app",
      '.spec.template.spec.containers[name="web"]',
      '.spec.template.spec.containers[name="web"].image',
      '.spec.template.spec.containers[name="web"].name',
    ]);
    expect((created.metadata as JsonObject).managedFields).toEqual([
      expect.objectContaining({ manager: "kubectl", operation: "Apply", apiVersion: "apps/v1", time: "2024-01-01T00:00:00Z", fieldsType: "FieldsV1" }),
    ]);
  });

  it("leaves fields the server filled in alone, unowned", () => {
    const stored = defaulted(apply(undefined, deployment(), "kubectl"));
    const again = apply(stored, deployment(), "kubectl", { now: t0 + 5000 });
    expect(spec(again).revisionHistoryLimit).toBe(10);
    expect(containers(again)[0]?.terminationMessagePath).toBe("/dev/termination-log");
    expect(ownedBy(again, "kubectl")).not.toContain(".spec.revisionHistoryLimit");
    // Nothing changed, so the entry keeps its time.
    expect(((again.metadata as JsonObject).managedFields as JsonObject[])[0]?.time).toBe("2024-01-01T00:00:00Z");
  });

  it("removes a label, a container and an env var the applier no longer applies", () => {
    const first = defaulted(
      apply(undefined, deployment({ labels: { app: "web", tier: "front" }, containers: [{ name: "web", image: "a", env: { A: "1", B: "2" } }, { name: "side", image: "b" }] }), "kubectl"),
    );
    const second = apply(first, deployment({ labels: { app: "web" }, containers: [{ name: "web", image: "a", env: { A: "1" } }] }), "kubectl");
    expect(labels(second)).toEqual({ app: "web" });
    expect(containers(second).map((c) => c.name)).toEqual(["web"]);
    expect(containers(second)[0]?.env).toEqual([{ name: "A", value: "1" }]);
    // The default inside the kept container stays.
    expect(containers(second)[0]?.terminationMessagePath).toBe("/dev/termination-log");
  });

  it("removes a nested field, and the whole map once its last applied key goes", () => {
    const first = apply(undefined, deployment({ labels: { tier: "front" }, containers: [{ name: "web", image: "a", env: { A: "1" } }] }), "kubectl");
    const second = apply(first, deployment({ containers: [{ name: "web" }] }), "kubectl");
    expect(containers(second)[0]).toEqual({ name: "web" });
    expect(labels(second)).toBeUndefined();
  });

  it("keeps what another manager still owns when the applier lets go of it", () => {
    const first = apply(undefined, deployment({ labels: { team: "a" } }), "kubectl");
    const labelled = recordUpdate(first, { ...first, metadata: { ...(first.metadata as JsonObject), labels: { team: "a", env: "prod" } } }, { type: deploymentType, manager: "kubectl-label", now: t0 });
    const second = apply(labelled, deployment(), "kubectl");
    expect(labels(second)).toEqual({ env: "prod" });
    expect(ownedBy(second, "kubectl-label", "Update")).toEqual([".metadata.labels.env"]);
  });

  it("shares a field two appliers set to the same value, and removes it only when both let go", () => {
    const a = apply(undefined, deployment({ labels: { shared: "yes" } }), "alice");
    const both = apply(a, deployment({ labels: { shared: "yes" } }), "bob");
    expect(ownedBy(both, "alice")).toContain(".metadata.labels.shared");
    expect(ownedBy(both, "bob")).toContain(".metadata.labels.shared");
    const aliceLeft = apply(both, deployment(), "alice");
    expect(labels(aliceLeft)).toEqual({ shared: "yes" });
    const bobLeft = apply(aliceLeft, deployment(), "bob");
    expect(labels(bobLeft)).toBeUndefined();
  });

  it("refuses to change another applier's field, and takes it over when forced", () => {
    const a = apply(undefined, deployment({ replicas: 2 }), "alice");
    expect(conflictsOf(a, deployment({ replicas: 3 }), "bob")).toBe('Apply failed with 1 conflict: conflict with "alice": .spec.replicas');
    const forced = apply(a, deployment({ replicas: 3 }), "bob", { force: true });
    expect(spec(forced).replicas).toBe(3);
    expect(ownedBy(forced, "bob")).toContain(".spec.replicas");
    expect(ownedBy(forced, "alice")).not.toContain(".spec.replicas");
    // Alice now conflicts in turn.
    expect(conflictsOf(forced, deployment({ replicas: 2 }), "alice")).toMatch(/conflict with "bob": .spec.replicas$/);
  });

  it("conflicts with the manager of a scale when an apply changes replicas", () => {
    const applied = apply(undefined, deployment({ replicas: 2 }), "kubectl");
    const scaled = recordUpdate(applied, { ...applied, spec: { ...spec(applied), replicas: 5 } }, { type: deploymentType, manager: "kubectl", subresource: "scale", now: t0 });
    expect(ownedBy(scaled, "kubectl")).not.toContain(".spec.replicas");
    expect(conflictsOf(scaled, deployment({ replicas: 3 }), "kubectl")).toBe(
      'Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps/v1: .spec.replicas',
    );
    // Agreeing with the scale is no conflict: the field is shared.
    const agreed = apply(scaled, deployment({ replicas: 5 }), "kubectl");
    expect(ownedBy(agreed, "kubectl")).toContain(".spec.replicas");
    expect(ownedBy(agreed, "kubectl", "Update")).toEqual([".spec.replicas"]);
  });

  it("conflicts with client-side apply's manager, and lets kubectl take over what the annotation still says", () => {
    const written = deployment({ replicas: 2 });
    const annotated = { ...written, metadata: { ...(written.metadata as JsonObject), annotations: { [lastAppliedAnnotation]: JSON.stringify(written) } } };
    const created = recordUpdate(undefined, annotated, { type: deploymentType, manager: "kubectl-client-side-apply", now: t0 });

    expect(conflictsOf(created, deployment({ replicas: 3 }), "my-tool")).toBe(
      'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas',
    );
    const migrated = apply(created, deployment({ replicas: 3 }), "kubectl");
    expect(spec(migrated).replicas).toBe(3);
    // The annotation now holds what kubectl applied, for a later client-side apply.
    const annotation = ((migrated.metadata as JsonObject).annotations as JsonObject)[lastAppliedAnnotation] as string;
    expect(annotation.endsWith("\n")).toBe(true);
    expect(JSON.parse(annotation)).toEqual(deployment({ replicas: 3 }));

    // Once the live value differs from the annotation, the conflict stands for kubectl too.
    const edited = recordUpdate(created, { ...created, spec: { ...spec(created), replicas: 4 } }, { type: deploymentType, manager: "kubectl-client-side-apply", now: t0 });
    expect(conflictsOf(edited, deployment({ replicas: 3 }), "kubectl")).toMatch(/conflict with "kubectl-client-side-apply" using apps\/v1: .spec.replicas/);
  });

  it("owns an atomic list whole", () => {
    const a = apply(undefined, deployment({ containers: [{ name: "web", image: "a", command: ["sh", "-c", "run"] }] }), "alice");
    expect(ownedBy(a, "alice")).toContain('.spec.template.spec.containers[name="web"].command');
    expect(conflictsOf(a, deployment({ containers: [{ name: "web", image: "a", command: ["sh"] }] }), "bob")).toMatch(/containers\[name="web"\]\.command$/);
    const replaced = apply(a, deployment({ containers: [{ name: "web", image: "a", command: ["run"] }] }), "alice");
    expect(containers(replaced)[0]?.command).toEqual(["run"]);
  });

  it("lists several conflicts per manager, in Kubernetes' format and causes", () => {
    const a = apply(undefined, deployment({ replicas: 1, labels: { x: "1" } }), "alice");
    const ab = apply(a, { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", labels: { y: "1" } } }, "bob");
    const outcome = serverSideApply(ab, deployment({ replicas: 2, labels: { x: "2", y: "2" } }), options("carol"));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(conflictMessage(outcome.conflicts)).toBe(
      'Apply failed with 3 conflicts: conflicts with "alice":\n- .metadata.labels.x\n- .spec.replicas\nconflicts with "bob":\n- .metadata.labels.y',
    );
    expect(conflictCauses(outcome.conflicts)).toContainEqual({ reason: "FieldManagerConflict", message: 'conflict with "bob"', field: ".metadata.labels.y" });
  });

  it("adopts an object nobody managed: its fields belong to before-first-apply", () => {
    const unmanaged = deployment({ replicas: 1 });
    expect(conflictsOf(unmanaged, deployment({ replicas: 2 }), "kubectl")).toBe(
      'Apply failed with 1 conflict: conflict with "before-first-apply" using apps/v1: .spec.replicas',
    );
    const adopted = apply(unmanaged, deployment({ replicas: 1 }), "kubectl");
    expect(managerNames(adopted)).toEqual(["Apply kubectl", "Update before-first-apply"]);
  });

  it("owns nothing under ignored fields", () => {
    const config = { ...deployment(), status: { replicas: 9 } };
    const created = apply(undefined, config, "kubectl", { ignoredFields: ["status"] });
    expect(ownedBy(created, "kubectl").some((path) => path.startsWith(".status"))).toBe(false);
  });

  it("clears a field applied as null and keeps owning it", () => {
    const first = apply(undefined, deployment({ replicas: 3 }), "kubectl");
    const config = deployment();
    (config.spec as JsonObject).replicas = null;
    const cleared = apply(first, config, "kubectl");
    expect(spec(cleared).replicas).toBeUndefined();
    expect(ownedBy(cleared, "kubectl")).toContain(".spec.replicas");
  });

  it("keeps granular maps per key for other kinds", () => {
    const cm = (data: Record<string, string>): JsonObject => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data });
    const a = apply(undefined, cm({ a: "1" }), "alice", { type: configMapType });
    const ab = apply(a, cm({ b: "2" }), "bob", { type: configMapType });
    expect(ab.data).toEqual({ a: "1", b: "2" });
    expect(ownedBy(ab, "bob")).toEqual([".data.b"]);
  });

  it("refuses what cannot be applied with an ApplyError", () => {
    const duplicate = deployment({ containers: [{ name: "web" }, { name: "web" }] });
    const cases: Array<[unknown, string]> = [
      [[1], "the apply configuration must be an object"],
      [{ ...deployment(), kind: "ReplicaSet" }, "invalid object type: apps/v1, Kind=ReplicaSet"],
      [{ kind: "Deployment" }, "invalid object type: /, Kind=Deployment"],
      [{ ...deployment(), metadata: { name: "web", managedFields: [] } }, "metadata.managedFields must be nil"],
      [duplicate, '.spec.template.spec.containers: duplicate entries for key [name="web"]'],
      [{ ...deployment(), x: Number.NaN }, "invalid apply configuration: NaN is not a JSON number"],
    ];
    for (const [config, message] of cases) {
      expect(() => serverSideApply(undefined, config, options("kubectl")), message).toThrow(ApplyError);
      expect(() => serverSideApply(undefined, config, options("kubectl"))).toThrow(message);
    }
  });

  it("reads stored managedFields it cannot decode as none", () => {
    const stored = { ...deployment({ replicas: 1 }), metadata: { name: "web", managedFields: [{ operation: "Nope" }] } };
    expect(conflictsOf(stored as JsonObject, deployment({ replicas: 2 }), "kubectl")).toMatch(/before-first-apply/);
  });
});
