import { chmod, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/log.js";
import type { AuditEvent } from "./audit-event.js";
import { openAuditLog } from "./audit-log.js";

const event = (i: number): AuditEvent => ({
  time: new Date(0).toISOString(),
  requestId: `r-${i}`,
  user: { name: "jane", groups: ["system:authenticated"] },
  verb: "create",
  apiGroup: "",
  apiVersion: "v1",
  resource: "configmaps",
  subresource: "",
  namespace: "default",
  name: `cm-${i}`,
  code: 201,
  userAgent: "test",
  sourceAddress: "127.0.0.1",
});

describe("openAuditLog", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "skiff-audit-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes every recorded event by close, in order, one JSON line each", async () => {
    const path = join(dir, "nested", "audit.log");
    const audit = await openAuditLog(path, createLogger("silent"));
    for (let i = 0; i < 5_000; i++) audit.record(event(i));
    await audit.close();
    const lines = (await readFile(path, "utf8")).split("\n");
    expect(lines.pop()).toBe("");
    expect(lines.map((l) => (JSON.parse(l) as AuditEvent).requestId)).toEqual(Array.from({ length: 5_000 }, (_, i) => `r-${i}`));
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it("appends to an existing file and tightens its mode to 0600", async () => {
    const path = join(dir, "audit.log");
    await writeFile(path, `${JSON.stringify(event(0))}\n`);
    await chmod(path, 0o644);
    const audit = await openAuditLog(path, createLogger("silent"));
    audit.record(event(1));
    await audit.flush();
    audit.record(event(2));
    await audit.close();
    expect((await readFile(path, "utf8")).trim().split("\n")).toHaveLength(3);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });
});
