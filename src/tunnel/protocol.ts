/**
 * The agent tunnel's fixed terms, shared by the server and the agent. The
 * protocol itself is described in README.md beside this file.
 */

/** Where an agent opens its tunnel (a GET upgraded to WebSocket). */
export const TUNNEL_PATH = "/apis/tunnel.skiff.dev/v1/connect";

/** The WebSocket subprotocol the agent offers and the server accepts (a token: no "/"). */
export const TUNNEL_SUBPROTOCOL = "v1.tunnel.skiff.dev";

/**
 * Data channels, numbered as kubectl's v5.channel.k8s.io numbers them.
 * Channel 3 (error) carries no data on the tunnel: a stream's final Status
 * travels in its close message.
 */
export const Channel = {
  Stdin: 0,
  Stdout: 1,
  Stderr: 2,
  Resize: 4,
} as const;
export type Channel = (typeof Channel)[keyof typeof Channel];

const channels: ReadonlySet<number> = new Set(Object.values(Channel));

export function isChannel(value: number): value is Channel {
  return channels.has(value);
}

/**
 * How many payload bytes each side may send on a stream before the receiver
 * grants more with a window message. It bounds what a slow reader makes the
 * other end hold per stream.
 */
export const INITIAL_WINDOW_BYTES = 256 * 1024;

/** The largest payload of one data frame; longer writes are split. */
export const MAX_FRAME_PAYLOAD_BYTES = 32 * 1024;

/**
 * Which end opened a stream, told by its id: the server numbers its streams
 * from 1 up to 2^31 - 1, the agent from 2^31 up, so both ends open streams
 * on one connection without agreeing on ids.
 */
export type TunnelSide = "server" | "agent";

export const FIRST_AGENT_STREAM_ID = 0x80000000;
export const LAST_STREAM_ID = 0xffffffff;

/** The end that opened stream `id`. */
export function openerOf(id: number): TunnelSide {
  return id >= FIRST_AGENT_STREAM_ID ? "agent" : "server";
}

/** WebSocket close codes the tunnel uses besides 1000. */
export const CloseCode = {
  /** The peer broke the protocol (RFC 6455's 1002). */
  ProtocolError: 1002,
  /** A newer connection of the same node took this one's place. */
  Replaced: 4001,
  /** The server is shutting down. */
  GoingAway: 1001,
} as const;
