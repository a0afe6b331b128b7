import { describe, expect, it } from "vitest";
import { selectControllers, UnknownControllerError } from "./controller-selection.js";

const all = [{ name: "endpoints" }, { name: "endpointslice" }, { name: "node-ipam" }];
const names = (selection: string[]): string[] => selectControllers(all, selection).map((c) => c.name);

describe("selectControllers (kube-controller-manager's --controllers)", () => {
  it("turns every controller on with *, and off one by one with -name", () => {
    expect(names(["*"])).toEqual(["endpoints", "endpointslice", "node-ipam"]);
    expect(names(["*", "-endpointslice"])).toEqual(["endpoints", "node-ipam"]);
    expect(names(["-node-ipam", "*"])).toEqual(["endpoints", "endpointslice"]);
  });

  it("without * turns on only the controllers named", () => {
    expect(names(["node-ipam"])).toEqual(["node-ipam"]);
    expect(names([])).toEqual([]);
    expect(names(["endpoints", "-endpoints"])).toEqual([]);
  });

  it("refuses a name no controller has, listing the known ones", () => {
    expect(() => names(["*", "-jobs", "replicaset"])).toThrow(UnknownControllerError);
    expect(() => names(["*", "-jobs"])).toThrow('--controllers: unknown controller "jobs" (known: endpoints, endpointslice, node-ipam)');
  });
});
