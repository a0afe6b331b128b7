import { join } from "node:path";
import { assembleAgent } from "../../../agent/assemble-agent.js";
import { FakeRuntime } from "../../../agent/runtime/fake/fake-runtime.js";
import { ensureNodeCredential } from "../../../src/join/ensure-node-credential.js";
import type { Logger } from "../../../src/log.js";
import { hollowHost, hollowNodeIp } from "./hollow-host.js";

/** The label every hollow node carries, so a benchmark can tell them apart. */
export const hollowLabel = "skiff.dev/hollow";
const pauseImage = "skiff.dev/hollow-pause:1";

export interface HollowNodeSettings {
  server: string;
  /** A join token; each hollow node joins with it for a credential of its own. */
  token: string;
  nodeName: string;
  /** Picks the node's InternalIP. */
  index: number;
  /** The parent of the node's data dir (credential, pods' volume dirs). */
  dataRoot: string;
  log: Logger;
}

export interface HollowNode {
  nodeName: string;
  runtime: FakeRuntime;
  stop(): Promise<void>;
}

/**
 * One hollow node: the agent's own parts (tunnel, node registration and
 * Lease, kubelet pod workers and status) over the fake runtime, whose
 * registry serves every image at once and whose containers run from the
 * moment they start. It joins like `skiff agent` (join token → node
 * credential in its data dir) and resolves once it is registered and its
 * kubelet runs.
 */
export async function startHollowNode(settings: HollowNodeSettings): Promise<HollowNode> {
  const { nodeName, log } = settings;
  const dataDir = join(settings.dataRoot, nodeName);
  const { clientConfig } = await ensureNodeCredential({ server: settings.server, token: settings.token, nodeName, dataDir });
  const runtime = new FakeRuntime({ openRegistry: true });
  // Present from the start, as on a host whose agent was installed with its sandbox image.
  runtime.images.addLocal(pauseImage);
  const { agent, close } = assembleAgent({
    clientConfig,
    nodeName,
    nodeIp: hollowNodeIp(settings.index),
    labels: { [hollowLabel]: "true" },
    taints: [],
    dataDir,
    pauseImage,
    runtime,
    host: hollowHost(nodeName),
    // No bridge to make: the fake engine hands out the pod CIDR's addresses itself.
    ensurePodNetwork: async (cidr) => {
      runtime.usePodCidr(cidr);
      return "hollow";
    },
    log,
  });
  await agent.start();
  return {
    nodeName,
    runtime,
    async stop() {
      await agent.stop();
      await close();
    },
  };
}
