import { describe, expect, it } from "vitest";
import { jobPrinter } from "./job.js";

const now = Date.parse("2024-05-01T12:00:00Z");
const at = (secondsAgo: number): string => new Date(now - secondsAgo * 1000).toISOString();

function job(spec: Record<string, unknown>, status: Record<string, unknown>, metadata: Record<string, unknown> = {}): unknown {
  return {
    metadata: { name: "migrate", creationTimestamp: at(600), ...metadata },
    spec: {
      selector: { matchLabels: { "batch.kubernetes.io/controller-uid": "abc" } },
      template: { spec: { containers: [{ name: "migrate", image: "migrate:2" }] } },
      ...spec,
    },
    status,
  };
}

describe("jobs", () => {
  it("have NAME STATUS COMPLETIONS DURATION AGE, then CONTAINERS IMAGES SELECTOR", () => {
    expect(jobPrinter.columns.map((c) => [c.name, c.priority])).toEqual([
      ["Name", 0],
      ["Status", 0],
      ["Completions", 0],
      ["Duration", 0],
      ["Age", 0],
      ["Containers", 1],
      ["Images", 1],
      ["Selector", 1],
    ]);
  });

  it("a complete job: duration from start to completion", () => {
    const complete = job(
      { completions: 1 },
      { succeeded: 1, startTime: at(600), completionTime: at(555), conditions: [{ type: "Complete", status: "True" }] },
    );
    expect(jobPrinter.cells(complete, now)).toEqual([
      "migrate",
      "Complete",
      "1/1",
      "45s",
      "10m",
      "migrate",
      "migrate:2",
      "batch.kubernetes.io/controller-uid=abc",
    ]);
  });

  it("a running job: duration until now", () => {
    const running = job({ completions: 5, parallelism: 2 }, { succeeded: 2, active: 2, startTime: at(150) });
    expect(jobPrinter.cells(running, now).slice(1, 4)).toEqual(["Running", "2/5", "2m30s"]);
  });

  it("a job without completions counts toward one, or one of the parallelism", () => {
    expect(jobPrinter.cells(job({}, { succeeded: 0 }), now)[2]).toBe("0/1");
    expect(jobPrinter.cells(job({ parallelism: 3 }, { succeeded: 1 }), now)[2]).toBe("1/1 of 3");
  });

  it("no duration before the job started", () => {
    expect(jobPrinter.cells(job({ completions: 1 }, {}), now)[3]).toBe("");
  });

  it.each([
    [[{ type: "Failed", status: "True" }], {}, "Failed"],
    [[{ type: "Suspended", status: "True" }], {}, "Suspended"],
    [[{ type: "FailureTarget", status: "True" }], {}, "FailureTarget"],
    [[{ type: "SuccessCriteriaMet", status: "True" }], {}, "SuccessCriteriaMet"],
    [[{ type: "Complete", status: "False" }], {}, "Running"],
    [[{ type: "Suspended", status: "True" }], { deletionTimestamp: at(1) }, "Terminating"],
    [[{ type: "Complete", status: "True" }], { deletionTimestamp: at(1) }, "Complete"],
  ])("conditions %j with metadata %j: %s", (conditions, metadata, expected) => {
    expect(jobPrinter.cells(job({}, { conditions }, metadata), now)[1]).toBe(expected);
  });
});
