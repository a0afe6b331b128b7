import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { formatLoadError } from "./load-error.js";
import { loadManifests, type LoadResult } from "./load-manifests.js";

const fixture = (name: string): string =>
  readFileSync(new URL(`../../test/fixtures/yaml/${name}`, import.meta.url), "utf8");

const loadFixture = (name: string): LoadResult => loadManifests(fixture(name), name);

/** Each manifest as [documentIndex, itemIndex, line, column, kind, name]. */
function summary(result: LoadResult): unknown[] {
  return result.manifests.map((m) => {
    const metadata = m.object.metadata as { name?: unknown } | undefined;
    return [m.documentIndex, m.itemIndex, m.line, m.column, m.object.kind, metadata?.name];
  });
}

const errorLines = (result: LoadResult): string[] => result.errors.map(formatLoadError);

describe("documents", () => {
  test("a multi-document file yields its objects in order; empty documents are skipped but counted", () => {
    const result = loadFixture("app.yaml");
    expect(errorLines(result)).toEqual([]);
    expect(summary(result)).toEqual([
      [1, undefined, 3, 1, "ConfigMap", "web-config"],
      [3, undefined, 15, 1, "Deployment", "web"],
      [4, undefined, 55, 1, "Service", "web"],
    ]);
    expect(result.manifests.map((m) => [m.source, m.documentCount])).toEqual([
      ["app.yaml", 3],
      ["app.yaml", 3],
      ["app.yaml", 3],
    ]);
  });

  test("values are plain JSON data as kubectl would send it", () => {
    const [, deployment] = loadFixture("app.yaml").manifests;
    const spec = deployment?.object.spec as { template: { spec: Record<string, unknown> } };
    expect(spec.template.spec.volumes).toEqual([
      { name: "config", configMap: { name: "web-config", defaultMode: 420 } },
    ]);
    expect(JSON.parse(JSON.stringify(deployment?.object))).toEqual(deployment?.object);
  });

  test("a byte-order mark and CRLF line ends do not shift positions", () => {
    const [manifest] = loadManifests("\uFEFFkind: A\r\nmetadata:\r\n  name: a\r\n", "w.yaml").manifests;
    expect(manifest?.object).toEqual({ kind: "A", metadata: { name: "a" } });
    expect([manifest?.locate("kind"), manifest?.locate("metadata.name")]).toEqual([
      { line: 1, column: 1 },
      { line: 3, column: 3 },
    ]);
  });

  test("an empty text, only comments or only separators yield nothing", () => {
    for (const text of ["", "# nothing\n", "---\n---\n", "---\nnull\n...\n"]) {
      expect(loadManifests(text, "empty.yaml")).toEqual({ manifests: [], errors: [] });
    }
  });

  test("a document that is not a mapping is an error naming it", () => {
    const result = loadManifests("kind: A\n---\n- a\n- b\n---\njust text\n", "x.yaml");
    expect(summary(result)).toEqual([[1, undefined, 1, 1, "A", undefined]]);
    expect(errorLines(result)).toEqual([
      "x.yaml:3:1: document 2: a manifest must be a mapping, found a sequence",
      "x.yaml:6:1: document 3: a manifest must be a mapping, found a string",
    ]);
  });
});

describe("lists", () => {
  test("kind: List is expanded; each item keeps its own location", () => {
    const result = loadFixture("list.yaml");
    expect(errorLines(result)).toEqual([]);
    expect(summary(result)).toEqual([
      [1, 0, 4, 5, "ServiceAccount", "builder"],
      [1, 1, 8, 5, "Secret", "token"],
    ]);
    expect(result.manifests[1]?.locate("stringData[token]")).toEqual({ line: 13, column: 7 });
  });

  test("a typed list gives kind and apiVersion to items that have neither, as kubectl does", () => {
    const result = loadFixture("pod-list.yaml");
    expect(summary(result)).toEqual([
      [1, undefined, 1, 1, "ConfigMap", "before-the-list"],
      [2, 0, 9, 5, "Pod", "a"],
      [2, 1, 13, 5, "Pod", "b"],
    ]);
    expect(result.manifests[1]?.object.apiVersion).toBe("v1");
    // An inferred field was never written: it locates to the item.
    expect(result.manifests[2]?.locate("kind")).toEqual({ line: 13, column: 5 });
  });

  test("empty and malformed lists", () => {
    expect(loadManifests("kind: List\nitems: []\n", "l.yaml")).toEqual({ manifests: [], errors: [] });
    expect(loadManifests("kind: List\nitems:\n", "l.yaml")).toEqual({ manifests: [], errors: [] });
    expect(errorLines(loadManifests("kind: List\nitems: {a: 1}\n", "l.yaml"))).toEqual([
      "l.yaml:2:1: items: a List needs a sequence of manifests, found a mapping",
    ]);
    expect(errorLines(loadManifests("kind: List\nitems:\n  - kind: A\n  - 3\n", "l.yaml"))).toEqual([
      "l.yaml:4:5: items[1]: a manifest must be a mapping, found a number",
    ]);
  });

  test("a kind that merely ends in List without items is an ordinary object", () => {
    expect(summary(loadManifests("kind: NetworkList\nmetadata: {name: net}\n", "n.yaml"))).toEqual([
      [1, undefined, 1, 1, "NetworkList", "net"],
    ]);
  });
});

describe("syntax errors name the file, the document and the line", () => {
  test.each([
    [
      "bad-indent.yaml",
      ["bad-indent.yaml:12:4: document 2: all mapping items must start at the same column"],
      ["one", "three"],
    ],
    ["duplicate-key.yaml", ['duplicate-key.yaml:8:3: mapping key "a" already defined at line 6'], []],
    ["tab-indent.yaml", ["tab-indent.yaml:4:1: tabs are not allowed as indentation"], []],
    [
      "unclosed-quote.yaml",
      ['unclosed-quote.yaml:9:9: document 2: missing closing " for the string that starts here'],
      ["ok"],
    ],
    ["broken.json", ["broken.json:6:5: missing , between flow map items"], []],
  ])("%s", (name, errors, goodNames) => {
    const result = loadFixture(name);
    expect(errorLines(result)).toEqual(errors);
    expect(result.manifests.map((m) => (m.object.metadata as { name: string }).name)).toEqual(goodNames);
  });

  test("a stray token right after --- is filed under its own document", () => {
    expect(errorLines(loadManifests("kind: A\n---\n]\n", "s.yaml"))).toEqual([
      's.yaml:3:1: document 2: unexpected flow-seq-end token in YAML document: "]"',
    ]);
  });

  test("an unclosed single quote is reported where it opens", () => {
    expect(errorLines(loadManifests("kind: A\nmetadata:\n  name: 'web\n  labels: {}\n", "q.yaml"))).toEqual([
      "q.yaml:3:9: missing closing ' for the string that starts here",
    ]);
  });

  test("a compact nested mapping and an unclosed flow sequence", () => {
    expect(errorLines(loadManifests("kind: A\nmetadata: name: x\n", "c.yaml"))).toEqual([
      "c.yaml:2:11: nested mappings are not allowed in compact mappings",
    ]);
    expect(errorLines(loadManifests("kind: A\nargs: [a, b\n", "c.yaml"))).toEqual([
      "c.yaml:3:1: flow sequence in block collection must be sufficiently indented and end with a ]",
    ]);
  });
});

describe("YAML 1.1 as Kubernetes reads it", () => {
  test("octal modes, hex ports, yes/on/no booleans; quoted stays a string", () => {
    const [pod] = loadFixture("modes.yaml").manifests;
    const object = pod?.object as {
      metadata: { labels: Record<string, unknown> };
      spec: { containers: Array<{ ports: unknown }>; volumes: Array<Record<string, Record<string, unknown>>> };
    };
    expect(object.metadata.labels).toEqual({ enabled: true, legacy: true, quoted: "on" });
    expect(object.spec.containers[0]?.ports).toEqual([{ containerPort: 8080 }, { containerPort: 8080 }]);
    const [secret, configMap, literal] = object.spec.volumes;
    expect(secret?.secret).toEqual({
      secretName: "s",
      defaultMode: 420,
      items: [{ key: "k", path: "k", mode: 256 }],
    });
    expect(configMap?.configMap).toEqual({ name: "c", defaultMode: 493, optional: false });
    expect(literal?.configMap?.defaultMode).toBe(420);
  });
});

describe("JSON", () => {
  test("a JSON manifest (tab-indented) loads through the same path, with lines", () => {
    const result = loadFixture("deployment.json");
    expect(errorLines(result)).toEqual([]);
    expect(summary(result)).toEqual([[1, undefined, 1, 1, "Deployment", "api"]]);
    expect(result.manifests[0]?.locate("spec.template.spec.containers[0].image")).toEqual({ line: 14, column: 22 });
  });

  test("JSON escapes and numbers read as JSON would", () => {
    const text = '{"kind": "A", "s": "caf\\u00e9 \\/ \\"q\\"\\n", "n": [-0, 1.5e+2, 8080, true, null]}';
    expect(loadManifests(text, "e.json").manifests[0]?.object).toEqual({
      kind: "A",
      s: 'café / "q"\n',
      n: [0, 150, 8080, true, null],
    });
  });

  test("an unclosed JSON object is reported at the end of the text", () => {
    expect(errorLines(loadManifests('{\n  "kind": "A",\n  "metadata": {"name": "x"}\n', "o.json"))).toEqual([
      "o.json:4:1: flow map must end with a }",
    ]);
  });
});

describe("hostile input never throws", () => {
  test("deep nesting is refused, flow or block", () => {
    expect(errorLines(loadManifests("[".repeat(20_000) + "]".repeat(20_000), "deep.yaml"))).toEqual([
      "deep.yaml:1:201: nested deeper than 200 levels",
    ]);
    let block = "";
    for (let i = 0; i < 300; i++) block += `${" ".repeat(i)}a:\n`;
    expect(errorLines(loadManifests(block, "deep.yaml"))).toEqual(["deep.yaml:201:201: nested deeper than 200 levels"]);
    let ok = "";
    for (let i = 0; i < 150; i++) ok += `${" ".repeat(i)}a:\n`;
    expect(loadManifests(ok, "ok.yaml").errors).toEqual([]);
  });

  test("a large file loads", () => {
    const one = fixture("app.yaml");
    // app.yaml ends with `---`, so copies simply follow each other: 5 documents each.
    const text = Array.from({ length: 200 }, () => one).join("");
    const result = loadManifests(text, "big.yaml");
    expect(result.errors).toEqual([]);
    expect(result.manifests).toHaveLength(600);
    expect(result.manifests[599]).toMatchObject({ documentIndex: 999, documentCount: 600, line: 12_990 });
  });

  test("garbage and mutilated manifests yield errors or objects, never exceptions", () => {
    // A fixed pseudo-random sequence keeps the test deterministic.
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const alphabet = "ab: -[]{}&*!|>'\"#%@`,?\t\n\r\0\u00ff\ufeff01.~<";
    const source = fixture("app.yaml");
    for (let round = 0; round < 300; round++) {
      let text: string;
      if (round % 2 === 0) {
        text = Array.from({ length: 1 + random(200) }, () => alphabet[random(alphabet.length)]).join("");
      } else {
        const at = random(source.length);
        text = source.slice(0, at) + alphabet[random(alphabet.length)] + source.slice(at + 1 + random(3));
      }
      const result = loadManifests(text, "fuzz.yaml");
      for (const error of result.errors) expect(formatLoadError(error)).toMatch(/^fuzz\.yaml(:\d+:\d+)?: /);
      for (const manifest of result.manifests) expect(typeof manifest.locate("spec.x[0][y]").line).toBe("number");
    }
  });
});
