import type { JsonObject, JsonValue } from "../json-value.js";

export interface RandomJsonOptions {
  /** Object keys to draw from; a small set makes patches collide with documents. */
  keys: readonly string[];
  /** Strings to draw from, for values and merge keys alike. */
  strings: readonly string[];
  maxDepth: number;
}

/** Random JSON of every kind, nested up to `maxDepth`. */
export function randomJson(random: () => number, options: RandomJsonOptions, depth = 0): JsonValue {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const roll = random();
  if (depth < options.maxDepth && roll < 0.3) return randomObject(random, options, depth);
  if (depth < options.maxDepth && roll < 0.5) {
    return Array.from({ length: Math.floor(random() * 4) }, () => randomJson(random, options, depth + 1));
  }
  if (roll < 0.6) return null;
  if (roll < 0.7) return random() < 0.5;
  if (roll < 0.85) return Math.floor(random() * 5) - 1;
  return pick(options.strings);
}

export function randomObject(random: () => number, options: RandomJsonOptions, depth = 0): JsonObject {
  const object: JsonObject = {};
  const size = Math.floor(random() * 5);
  for (let i = 0; i < size; i++) {
    const key = options.keys[Math.floor(random() * options.keys.length)] as string;
    Object.defineProperty(object, key, {
      value: randomJson(random, options, depth + 1),
      writable: true,
      enumerable: true,
      configurable: true,
    });
  }
  return object;
}
