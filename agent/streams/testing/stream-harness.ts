import type { AgentStreamRequest } from "../../../src/tunnel/control-message.js";
import type { Channel } from "../../../src/tunnel/protocol.js";
import type { StreamStatus } from "../../../src/tunnel/stream-status.js";
import { TunnelMux } from "../../../src/tunnel/tunnel-mux.js";
import type { TunnelStream } from "../../../src/tunnel/tunnel-stream.js";
import { createLogger } from "../../../src/log.js";
import type { ContainerStatus } from "../../runtime/container-runtime.js";
import type { ContainerWaitingReason } from "../find-container.js";
import { acceptPodStream } from "../accept-pod-stream.js";
import type { StreamRuntime } from "../stream-runtime.js";

/** A container of pod default/web (uid u-1), as the runtime lists it. */
export function container(name: string, attempt: number, state: ContainerStatus["state"], pod = { uid: "u-1", namespace: "default", name: "web" }): ContainerStatus {
  return {
    id: `${pod.uid}-${name}-${attempt}`,
    pod,
    sandboxId: "sandbox-1",
    name,
    attempt,
    specHash: "h",
    state,
    image: "skiff-test/busybox:1",
    imageRef: "sha256:1",
    createdAt: new Date(1_700_000_000_000 + attempt * 1000),
  };
}

/** A runtime stub: lists `containers` (by pod uid); logs and exec fail unless given. */
export function stubRuntime(containers: ContainerStatus[], methods: Partial<Pick<StreamRuntime, "containerLogs" | "exec">> = {}): StreamRuntime {
  return {
    listContainers: async (filter) => containers.filter((c) => filter?.podUid === undefined || c.pod.uid === filter.podUid),
    containerLogs: methods.containerLogs ?? (async () => Promise.reject(new Error("no logs in this stub"))),
    exec: methods.exec ?? (async () => Promise.reject(new Error("no exec in this stub"))),
  };
}

export interface OpenedStream {
  stream: TunnelStream;
  /** Text received per channel, in order. */
  received: Array<{ channel: Channel; text: string }>;
  /** Data not yet released when `hold` is on. */
  held: Array<() => void>;
  /** Resolves with the status the agent closed the stream with. */
  closed: Promise<StreamStatus>;
  output(channel: Channel): string;
}

/**
 * The server's end of a tunnel whose agent end serves streams from `runtime`
 * (messages delivered a turn later, as over a socket). `hold` keeps received
 * data unreleased, as a client that stopped reading.
 */
export function serverEnd(runtime: StreamRuntime, now = () => 1_700_000_100_000, waitingReason?: ContainerWaitingReason) {
  let server: TunnelMux;
  let agent: TunnelMux;
  const bytes = (m: string | Uint8Array): [Uint8Array, boolean] => (typeof m === "string" ? [Buffer.from(m), false] : [m, true]);
  const log = createLogger("silent");
  const accept = acceptPodStream({ runtime, clock: { now, setTimer: () => ({ cancel: () => undefined }) }, log, ...(waitingReason ? { waitingReason } : {}) });
  server = new TunnelMux({ send: (m) => void setImmediate(() => agent.receive(...bytes(m))), close: () => undefined });
  agent = new TunnelMux(
    { send: (m) => void setImmediate(() => server.receive(...bytes(m))), close: () => undefined },
    (request, stream) => {
      if (request.kind === "watch") throw new Error("not served here");
      return accept(request, stream);
    },
    "agent",
  );
  return {
    open(request: AgentStreamRequest, options: { hold?: boolean } = {}): OpenedStream {
      const received: OpenedStream["received"] = [];
      const held: Array<() => void> = [];
      let close: (status: StreamStatus) => void = () => undefined;
      const closed = new Promise<StreamStatus>((resolve) => (close = resolve));
      const stream = server.open(request, {
        data(channel, payload, release) {
          received.push({ channel, text: Buffer.from(payload).toString("utf8") });
          if (options.hold) held.push(release);
          else release();
        },
        closed: (status) => close(status),
      });
      const output = (channel: Channel): string =>
        received
          .filter((r) => r.channel === channel)
          .map((r) => r.text)
          .join("");
      return { stream, received, held, closed, output };
    },
  };
}

/** Lets the messages in flight arrive. */
export async function settle(turns = 10): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((r) => setImmediate(r));
}
