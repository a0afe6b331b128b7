import { composeAgent, type ComposedAgent } from "../../agent/compose-agent.js";
import { createLogger } from "../../src/log.js";
import type { TestServer } from "./server.js";

export interface TestAgentOptions {
  server: TestServer;
  /** A join token of that server (test/join/join-support.ts `createJoinToken`). */
  token: string;
  dataDir: string;
  nodeName: string;
  /** The Docker bridge network of this test file's pods: files running side by side on one engine each have their own. */
  podNetwork: string;
  /** Another engine than the default socket (test/support/private-dockerd.ts). */
  dockerHost?: string;
}

/** A running in-process agent; `stop` stops it and closes its connection, leaving its containers as a stopped agent does. */
export interface TestAgent {
  composed: ComposedAgent;
  stop(): Promise<void>;
}

/**
 * The agent as `skiff agent` composes it, in the test's process, on real
 * Docker with the test images (`skiff-test/pause:1` as the sandbox), its
 * node at 127.0.0.1. Resolves once it has joined and started.
 */
export async function startTestAgent(options: TestAgentOptions): Promise<TestAgent> {
  const composed = await composeAgent(
    {
      server: options.server.admin.server,
      token: options.token,
      dataDir: options.dataDir,
      nodeName: options.nodeName,
      nodeIp: "127.0.0.1",
      labels: {},
      taints: [],
      pauseImage: "skiff-test/pause:1",
      podNetwork: options.podNetwork,
      ...(options.dockerHost !== undefined ? { dockerHost: options.dockerHost } : {}),
      log: createLogger(process.env.SKIFF_LOG_LEVEL ?? "silent"),
    },
    AbortSignal.timeout(60_000),
  );
  await composed.agent.start();
  return {
    composed,
    async stop() {
      await composed.agent.stop();
      await composed.close();
    },
  };
}
