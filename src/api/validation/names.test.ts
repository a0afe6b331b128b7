import { describe, expect, it } from "vitest";
import { formatFieldError } from "./field-error.js";
import { root } from "./field-path.js";
import {
  isCIdentifier,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isEnvVarName,
  isQualifiedName,
  isValidLabelValue,
  isValidPortName,
  isValidPortNum,
  validateAnnotations,
  validateLabels,
} from "./names.js";

const labelRule =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const nameRule =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

describe("isDNS1123Label", () => {
  it.each(["a", "ab", "a-b", "0", "123-abc", "a".repeat(63), "1-2-3"])("accepts %j", (value) => {
    expect(isDNS1123Label(value)).toEqual([]);
  });

  it.each(["", "A", "-a", "a-", "a_b", "a b", "ä", "a/b", "web\n"])("rejects %j with the Kubernetes message", (value) => {
    expect(isDNS1123Label(value)).toEqual([labelRule]);
  });

  it("says a would-be subdomain must not contain dots", () => {
    expect(isDNS1123Label("a.b")).toEqual(["must not contain dots"]);
  });

  it("limits the length to 63", () => {
    expect(isDNS1123Label("a".repeat(64))).toEqual(["must be no more than 63 characters"]);
  });
});

describe("isDNS1123Subdomain", () => {
  it.each(["a", "a.b", "example.com", "a-1.b-2.c", `${"a".repeat(63)}.${"b".repeat(63)}`])("accepts %j", (value) => {
    expect(isDNS1123Subdomain(value)).toEqual([]);
  });

  it.each(["", ".a", "a.", "a..b", "A.b", "a_b.c", "-a.b", "a.-b"])("rejects %j", (value) => {
    expect(isDNS1123Subdomain(value)).toEqual([
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]);
  });

  it("limits the length to 253", () => {
    const long = Array.from({ length: 64 }, () => "abc").join("."); // 255 characters
    expect(isDNS1123Subdomain(long)).toEqual(["must be no more than 253 characters"]);
    expect(isDNS1123Subdomain(long.slice(0, 253))).toEqual([]);
  });
});

describe("isDNS1035Label", () => {
  it.each(["a", "abc-123", "my-name"])("accepts %j", (value) => {
    expect(isDNS1035Label(value)).toEqual([]);
  });

  it.each(["", "1abc", "-a", "a-", "a.b", "A"])("rejects %j", (value) => {
    expect(isDNS1035Label(value)).toEqual([
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    ]);
  });

  it("limits the length to 63", () => {
    expect(isDNS1035Label("a".repeat(64))).toEqual(["must be no more than 63 characters"]);
  });
});

describe("isQualifiedName", () => {
  it.each(["app", "App_Name.v1", "a", "app.kubernetes.io/name", "example.com/MyName", "k8s.io/a-b", "1"])(
    "accepts %j",
    (value) => {
      expect(isQualifiedName(value)).toEqual([]);
    },
  );

  it("rejects a bad name part", () => {
    expect(isQualifiedName("-app")).toEqual([nameRule]);
    expect(isQualifiedName("example.com/app_")).toEqual([nameRule]);
  });

  it("rejects an empty name or prefix", () => {
    expect(isQualifiedName("")).toEqual(["name part must be non-empty", nameRule]);
    expect(isQualifiedName("example.com/")).toEqual(["name part must be non-empty", nameRule]);
    expect(isQualifiedName("/app")).toEqual(["prefix part must be non-empty"]);
  });

  it("checks the prefix as a DNS subdomain", () => {
    const [message] = isQualifiedName("Example.com/app");
    expect(message).toMatch(/^prefix part a lowercase RFC 1123 subdomain must consist of/);
  });

  it("limits the name part to 63 characters", () => {
    expect(isQualifiedName(`example.com/${"a".repeat(64)}`)).toEqual(["name part must be no more than 63 characters"]);
    expect(isQualifiedName("a".repeat(63))).toEqual([]);
  });

  it("rejects more than one slash", () => {
    expect(isQualifiedName("a/b/c")).toEqual([
      "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ]);
  });
});

describe("isValidLabelValue", () => {
  it.each(["", "a", "MyValue", "my_value", "12345", "a.b-c_d", "v".repeat(63)])("accepts %j", (value) => {
    expect(isValidLabelValue(value)).toEqual([]);
  });

  it.each(["-a", "a-", "_a", "a b", "a/b", "é"])("rejects %j", (value) => {
    expect(isValidLabelValue(value)).toEqual([
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ]);
  });

  it("limits the length to 63 bytes", () => {
    expect(isValidLabelValue("v".repeat(64))).toEqual(["must be no more than 63 characters"]);
  });
});

describe("isValidPortNum", () => {
  it.each([1, 80, 65535])("accepts %d", (port) => {
    expect(isValidPortNum(port)).toEqual([]);
  });

  it.each([0, -1, 65536, 1.5, Number.NaN, Number.POSITIVE_INFINITY])("rejects %d", (port) => {
    expect(isValidPortNum(port)).toEqual(["must be between 1 and 65535, inclusive"]);
  });
});

describe("isValidPortName", () => {
  it.each(["http", "h", "metrics-2", "a1b2", "abcdefghijklmno"])("accepts %j", (name) => {
    expect(isValidPortName(name)).toEqual([]);
  });

  it("reports every rule a name breaks", () => {
    expect(isValidPortName("abcdefghijklmnop")).toEqual(["must be no more than 15 characters"]);
    expect(isValidPortName("HTTP")).toEqual([
      "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
      "must contain at least one letter (a-z)",
    ]);
    expect(isValidPortName("8080")).toEqual(["must contain at least one letter (a-z)"]);
    expect(isValidPortName("a--b")).toEqual(["must not contain consecutive hyphens"]);
    expect(isValidPortName("-ab")).toEqual(["must not begin or end with a hyphen"]);
    expect(isValidPortName("")).toEqual([
      "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
      "must contain at least one letter (a-z)",
    ]);
  });
});

describe("isCIdentifier", () => {
  it.each(["a", "_", "MY_NAME", "myName1", "_x9"])("accepts %j", (value) => {
    expect(isCIdentifier(value)).toEqual([]);
  });

  it.each(["", "1a", "a-b", "a.b", "a b"])("rejects %j", (value) => {
    expect(isCIdentifier(value)).toEqual([
      "a valid C identifier must start with alphabetic character or '_', followed by a string of alphanumeric characters or '_' (e.g. 'my_name',  or 'MY_NAME',  or 'MyName', regex used for validation is '[A-Za-z_][A-Za-z0-9_]*')",
    ]);
  });
});

describe("isEnvVarName", () => {
  it.each(["PATH", "my.env-name", "1ABC", "a b", "..", "!@#$%^&*()~"])("accepts %j (relaxed rule)", (value) => {
    expect(isEnvVarName(value)).toEqual([]);
  });

  it("rejects empty names, '=' and non-printable or non-ASCII characters", () => {
    const rule = "a valid environment variable name must consist only of printable ASCII characters other than '='";
    expect(isEnvVarName("")).toEqual(["environment variable name must be non-empty"]);
    expect(isEnvVarName("A=B")).toEqual([rule]);
    expect(isEnvVarName("A\tB")).toEqual([rule]);
    expect(isEnvVarName("Ä")).toEqual([rule]);
    expect(isEnvVarName("A\x7f")).toEqual([rule]);
  });
});

describe("validateLabels", () => {
  const path = root("metadata").child("labels");

  it("accepts good labels", () => {
    expect(validateLabels({ app: "web", "app.kubernetes.io/name": "web", empty: "" }, path)).toEqual([]);
  });

  it("reports bad keys and values on the map's path, as Kubernetes does", () => {
    const errors = validateLabels({ "-app": "web", tier: "front end" }, path).map(formatFieldError);
    expect(errors).toEqual([
      `metadata.labels: Invalid value: "-app": ${nameRule}`,
      expect.stringMatching(/^metadata\.labels: Invalid value: "front end": a valid label must be an empty string/),
    ]);
  });
});

describe("validateAnnotations", () => {
  const path = root("metadata").child("annotations");

  it("accepts keys in any case", () => {
    expect(validateAnnotations({ "Example.COM/Note": "x", "kubectl.kubernetes.io/last-applied-configuration": "{}" }, path)).toEqual(
      [],
    );
  });

  it("reports bad keys", () => {
    expect(validateAnnotations({ "a/b/c": "x" }, path).map((e) => [e.type, e.field, e.badValue])).toEqual([
      ["FieldValueInvalid", "metadata.annotations", "a/b/c"],
    ]);
  });

  it("limits keys and values together to 256 KiB", () => {
    const atLimit = { a: "x".repeat(256 * 1024 - 1) };
    expect(validateAnnotations(atLimit, path)).toEqual([]);
    const overLimit = { ab: "x".repeat(256 * 1024 - 1) };
    expect(validateAnnotations(overLimit, path).map(formatFieldError)).toEqual([
      "metadata.annotations: Too long: must have at most 262144 bytes",
    ]);
    // Multi-byte characters count as their UTF-8 bytes.
    expect(validateAnnotations({ a: "é".repeat(128 * 1024) }, path)).toHaveLength(1);
  });
});
