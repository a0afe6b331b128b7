import { describe, expect, it } from "vitest";
import { isJsonObject, jsonEqual, type JsonObject, type JsonValue } from "../patch/json-value.js";
import { seededRandom } from "../../test/support/seeded-random.js";
import { randomJson, randomObject } from "../patch/testing/random-json.js";
import { ApplyError } from "./apply-error.js";
import { serverSideApply, type ApplyOutcome } from "./apply.js";
import { formatPath } from "./fieldpath/path-element.js";
import { decodeManagedFields } from "./managed-fields.js";
import { withoutManagedFields } from "./managed-object.js";
import { recordUpdate } from "./record-update.js";
import { schemaForKind } from "./schema/kinds.js";
import { ownedBy } from "./testing/managed.js";
import { mergeObjects, withoutNulls } from "./typed/merge.js";
import { toFieldSet } from "./typed/to-field-set.js";

const type = { apiVersion: "apps/v1", kind: "Deployment" };
const schema = schemaForKind("apps", "Deployment");

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const subset = <T>(random: Random, items: readonly T[]): T[] => items.filter(() => random() < 0.5);

/** A Deployment configuration drawn from a small vocabulary, so configurations and writers keep meeting. */
function randomDeployment(random: Random): JsonObject {
  const containers = subset(random, ["web", "side"]).map((name): JsonObject => ({
    name,
    image: pick(random, ["a", "b"]),
    ...(random() < 0.5 ? { env: subset(random, ["A", "B"]).map((env) => ({ name: env, value: pick(random, ["1", "2"]) })) } : {}),
    ...(random() < 0.4 ? { ports: subset(random, [80, 443]).map((port): JsonObject => (random() < 0.3 ? { containerPort: port, protocol: "UDP" } : { containerPort: port })) } : {}),
    ...(random() < 0.3 ? { command: subset(random, ["sh", "-c", "run"]) } : {}),
  }));
  const labels = Object.fromEntries(subset(random, ["a", "b", "c"]).map((key) => [key, pick(random, ["1", "2"])]));
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", ...(random() < 0.7 ? { labels } : {}), ...(random() < 0.2 ? { finalizers: subset(random, ["x", "y"]) } : {}) },
    spec: {
      ...(random() < 0.6 ? { replicas: random() < 0.1 ? null : pick(random, [1, 2, 3]) } : {}),
      selector: { matchLabels: { app: pick(random, ["web", "api"]) } },
      template: { metadata: { labels: { app: "web" } }, spec: { containers } },
    },
  };
}

/** A write by someone else: replicas, a label or a container changed. */
function randomEdit(random: Random, object: JsonObject): JsonObject {
  const edited = structuredClone(withoutManagedFields(object));
  const spec = isJsonObject(edited.spec) ? edited.spec : (edited.spec = {});
  const roll = random();
  if (roll < 0.4) spec.replicas = pick(random, [1, 5]);
  else if (roll < 0.7) (edited.metadata as JsonObject).labels = { ...((edited.metadata as JsonObject).labels as JsonObject), [pick(random, ["a", "z"])]: "edited" };
  else (edited.metadata as JsonObject).labels = {};
  return edited;
}

/** Runs an apply that may only end in an outcome or an ApplyError. */
function tryApply(live: JsonObject | undefined, config: unknown, manager: string, force: boolean, now: number): ApplyOutcome | ApplyError {
  try {
    return serverSideApply(live, config, { type, manager, force, now });
  } catch (error) {
    if (error instanceof ApplyError) return error;
    throw error;
  }
}

/** Go leaves out empty maps and lists, so they are no difference: `labels: {}` applied may come back absent. */
function withoutEmpty(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(withoutEmpty);
  if (!isJsonObject(value)) return value;
  const entries = Object.entries(value)
    .map(([key, member]) => [key, withoutEmpty(member)] as const)
    .filter(([, member]) => !(Array.isArray(member) ? member.length === 0 : isJsonObject(member) && Object.keys(member).length === 0));
  return Object.fromEntries(entries) as JsonObject;
}

const withoutTimes = (object: JsonObject): JsonValue =>
  JSON.parse(JSON.stringify(object, (key, value: unknown) => (key === "time" ? undefined : value))) as JsonValue;

describe("serverSideApply under random writers", () => {
  it("converges, owns exactly what it applied, and repeats idempotently", () => {
    for (let seed = 1; seed <= 150; seed++) {
      const random = seededRandom(seed);
      let live: JsonObject | undefined;
      for (let step = 0; step < 12; step++) {
        const now = step * 1000;
        if (live !== undefined && random() < 0.25) {
          live = recordUpdate(live, randomEdit(random, live), { type, manager: "editor", now });
          decodeManagedFields((live.metadata as JsonObject).managedFields);
          continue;
        }
        const manager = pick(random, ["alice", "bob", "kubectl"]);
        const config = randomDeployment(random);
        const outcome = tryApply(live, config, manager, random() < 0.5, now);
        expect(outcome, `seed ${seed} step ${step}`).not.toBeInstanceOf(ApplyError);
        if (outcome instanceof ApplyError || !outcome.ok) continue;
        const result = outcome.object;

        // Converged: the configuration's values are in the result.
        const bare = withoutManagedFields(result);
        expect(withoutEmpty(withoutNulls(mergeObjects(bare, config, schema))), `seed ${seed} step ${step}`).toEqual(withoutEmpty(bare));
        // Owns what it applied, minus what the server owns.
        const applied = toFieldSet(config, schema).paths().map(formatPath).filter((p) => !/^\.(apiVersion|kind|metadata\.name)$/.test(p));
        expect(ownedBy(result, manager), `seed ${seed} step ${step}`).toEqual(applied);
        // The same apply again changes nothing but times.
        const again = tryApply(result, config, manager, false, now + 500);
        expect(again instanceof ApplyError ? again : again.ok, `seed ${seed} step ${step}`).toBe(true);
        if (!(again instanceof ApplyError) && again.ok) expect(withoutTimes(again.object)).toEqual(withoutTimes(result));
        live = result;
      }
    }
  });

  it("ends in an outcome or an ApplyError on any input", () => {
    const options = { keys: ["apiVersion", "kind", "metadata", "spec", "labels", "name", "containers", "template", "managedFields", "f:x"], strings: ["apps/v1", "Deployment", "web", "x"], maxDepth: 5 };
    for (let seed = 1; seed <= 400; seed++) {
      const random = seededRandom(seed);
      const live = random() < 0.2 ? undefined : random() < 0.5 ? randomDeployment(random) : randomObject(random, options);
      if (live !== undefined && random() < 0.3) (live.metadata as JsonValue) = randomJson(random, options);
      const config: JsonValue = random() < 0.5 ? randomObject(random, options) : { ...randomDeployment(random), spec: randomJson(random, options) };
      const outcome = tryApply(live, config, "kubectl", random() < 0.5, 0);
      if (!(outcome instanceof ApplyError) && outcome.ok) {
        expect(() => decodeManagedFields((outcome.object.metadata as JsonObject | undefined)?.managedFields), `seed ${seed}`).not.toThrow();
      }
      const updated = recordUpdate(live, isJsonObject(config) ? config : {}, { type, manager: "m", now: 0 });
      expect(jsonEqual(updated, updated)).toBe(true);
    }
  });
});
