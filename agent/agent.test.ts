import { describe, expect, it } from "vitest";
import { createLogger } from "../src/log.js";
import { Agent } from "./agent.js";
import type { AgentPart } from "./agent-part.js";

const log = createLogger("silent");

function recordingPart(name: string, journal: string[], failStart = false): AgentPart {
  return {
    name,
    start: async () => {
      journal.push(`start ${name}`);
      if (failStart) throw new Error(`${name} cannot start`);
    },
    stop: async () => void journal.push(`stop ${name}`),
  };
}

describe("Agent", () => {
  it("starts its parts in order and stops them in reverse, once", async () => {
    const journal: string[] = [];
    const agent = new Agent([recordingPart("node", journal), recordingPart("kubelet", journal)], log);
    await agent.start();
    await agent.stop();
    await agent.stop();
    expect(journal).toEqual(["start node", "start kubelet", "stop kubelet", "stop node"]);
  });

  it("stops what it started (the failing part too) when a part fails to start, and throws", async () => {
    const journal: string[] = [];
    const agent = new Agent([recordingPart("node", journal), recordingPart("kubelet", journal, true), recordingPart("proxy", journal)], log);
    await expect(agent.start()).rejects.toThrow("kubelet cannot start");
    expect(journal).toEqual(["start node", "start kubelet", "stop kubelet", "stop node"]);
  });
});
