import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import type { Clock } from "../../src/clock.js";
import { badRequest, methodNotSupported } from "../../src/errors/status.js";
import type { Logger } from "../../src/log.js";
import { MAX_FRAME_PAYLOAD_BYTES, TUNNEL_PATH, TUNNEL_SUBPROTOCOL } from "../../src/tunnel/protocol.js";
import type { UserInfo } from "../auth/user.js";
import type { ResourceCall } from "../apiserver/rest/context.js";
import { acceptWebSocket } from "./accept-websocket.js";
import { AgentTunnels } from "./agent-tunnels.js";
import { tunnelNodeName } from "./node-identity.js";
import { REMOTE_COMMAND_PROTOCOL, serveExec, selectRemoteCommandProtocol } from "./serve-exec.js";
import { serveAgentWatch, type PrepareWatch } from "./serve-agent-watch.js";
import { serveLog } from "./serve-log.js";

/** The pod subresources that stream through an agent's tunnel. */
export const podStreamSubresources: ReadonlySet<string> = new Set(["log", "exec"]);

/**
 * The apiserver's side of the agent tunnel: agents connect here and watch
 * over it, and `pods/{name}/log` and `pods/{name}/exec` are served through
 * them. The handler hands over the requests these methods name.
 */
export interface PodStreamRoutes {
  /** Whether an upgrade request is an agent opening its tunnel. */
  isAgentConnect(path: string): boolean;
  /** An agent's upgrade request: `GET TUNNEL_PATH?node=NAME`, subprotocol v1.tunnel.skiff.dev. */
  connectAgent(user: UserInfo, query: URLSearchParams, request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void>;
  /** A plain HTTP request to pods/log or pods/exec. */
  serve(call: ResourceCall, response: ServerResponse): Promise<void>;
  /** An upgrade request to pods/exec. */
  upgrade(call: ResourceCall, request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void>;
  /** Ends every agent's tunnel. */
  close(): void;
}

// Room for a full data frame and its header; control messages are far smaller.
const maxTunnelMessageBytes = MAX_FRAME_PAYLOAD_BYTES + 1024;
// kubectl writes stdin in 32 KiB pieces.
const maxExecMessageBytes = 64 * 1024;

export interface PodStreamRoutesOptions {
  log: Logger;
  clock: Clock;
  /** Prepares a watch as the REST API serves it to `user`: how an agent's watches are served. */
  prepareWatch(user: UserInfo): PrepareWatch;
}

export function createPodStreamRoutes(options: PodStreamRoutesOptions): PodStreamRoutes {
  const tunnels = new AgentTunnels({ log: options.log, clock: options.clock });
  const agentSockets = new WebSocketServer({
    noServer: true,
    maxPayload: maxTunnelMessageBytes,
    handleProtocols: (offered) => (offered.has(TUNNEL_SUBPROTOCOL) ? TUNNEL_SUBPROTOCOL : false),
  });
  const execSockets = new WebSocketServer({
    noServer: true,
    maxPayload: maxExecMessageBytes,
    handleProtocols: selectRemoteCommandProtocol,
  });
  const pods = { group: "", resource: "pods" };

  return {
    isAgentConnect: (path) => path === TUNNEL_PATH,

    async connectAgent(user, query, request, socket, head) {
      const node = tunnelNodeName(user, query.get("node"));
      const offered = (request.headers["sec-websocket-protocol"] ?? "").split(",").map((p) => p.trim());
      if (!offered.includes(TUNNEL_SUBPROTOCOL)) throw badRequest(`the agent tunnel speaks the ${TUNNEL_SUBPROTOCOL} subprotocol only`);
      const ws = await acceptWebSocket(agentSockets, request, socket, head);
      if (!ws) return;
      const prepare = options.prepareWatch(user);
      const log = options.log.child({ node });
      tunnels.attach(node, ws, (watch, stream) => serveAgentWatch(prepare, watch, stream, log));
    },

    async serve(call, response) {
      if (call.info.subresource === "exec") throw badRequest(`exec needs an upgrade to WebSocket with subprotocol ${REMOTE_COMMAND_PROTOCOL}`);
      if (call.info.verb !== "get") throw methodNotSupported({ ...pods, resource: "pods/log" }, call.info.verb);
      await serveLog(tunnels, call, response);
    },

    async upgrade(call, request, socket, head) {
      if (call.info.subresource !== "exec") throw badRequest(`pods/${call.info.subresource} cannot be upgraded to WebSocket`);
      if (call.info.verb !== "get" && call.info.verb !== "create") throw methodNotSupported({ ...pods, resource: "pods/exec" }, call.info.verb);
      await serveExec(tunnels, execSockets, options.log, call, request, socket, head);
    },

    close() {
      tunnels.close();
      agentSockets.close();
      execSockets.close();
    },
  };
}
