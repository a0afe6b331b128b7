import { describe, expect, it } from "vitest";
import { revisionOf } from "./revision.js";

const at = (text: string) => revisionOf({ "deployment.kubernetes.io/revision": text });

describe("revisionOf", () => {
  it("reads the annotation as Go's ParseInt does, 0 when there is none", () => {
    expect(revisionOf(undefined)).toEqual({ ok: true, revision: 0 });
    expect(revisionOf({ other: "1" })).toEqual({ ok: true, revision: 0 });
    expect(at("12")).toEqual({ ok: true, revision: 12 });
    expect(at("+3")).toEqual({ ok: true, revision: 3 });
    expect(at("-1")).toEqual({ ok: true, revision: -1 });
  });

  it("refuses what is not a whole number, with Go's message", () => {
    expect(at("")).toEqual({ ok: false, error: 'strconv.ParseInt: parsing "": invalid syntax' });
    expect(at("1.5")).toEqual({ ok: false, error: 'strconv.ParseInt: parsing "1.5": invalid syntax' });
    expect(at(" 1")).toEqual({ ok: false, error: 'strconv.ParseInt: parsing " 1": invalid syntax' });
    expect(at("99999999999999999999")).toEqual({ ok: false, error: 'strconv.ParseInt: parsing "99999999999999999999": value out of range' });
  });
});
