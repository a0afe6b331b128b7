import { connect } from "node:net";
import type { Clock } from "../../../src/clock.js";
import { joinHostPort } from "./container-port.js";
import { dialErrorText } from "./dial-error-text.js";

/** A TCP connection could not be made; the message is Go's (`dial tcp 10.42.0.5:80: i/o timeout`). */
export class DialError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DialError";
  }
}

export interface DialOptions {
  timeoutMs: number;
  clock: Clock;
  signal?: AbortSignal;
}

/** Opens a TCP connection and closes it at once; a check that something listens. */
export type TcpDialer = (host: string, port: number, options: DialOptions) => Promise<void>;

/** The real dialer: resolves once connected within the timeout, else rejects with `DialError`. */
export const tcpDial: TcpDialer = (host, port, { timeoutMs, clock, signal }) =>
  new Promise((resolve, reject) => {
    const address = joinHostPort(host, port);
    const socket = connect({ host, port });
    let done = false;
    const finish = (error?: DialError): void => {
      if (done) return;
      done = true;
      timer.cancel();
      signal?.removeEventListener("abort", abort);
      socket.destroy();
      if (error) reject(error);
      else resolve();
    };
    const abort = (): void => finish(new DialError(`dial tcp ${address}: operation was canceled`));
    const timer = clock.setTimer(timeoutMs, () => finish(new DialError(`dial tcp ${address}: i/o timeout`)));
    socket.once("connect", () => finish());
    socket.once("error", (error) => finish(new DialError(dialErrorText(address, host, error), { cause: error })));
    if (signal?.aborted) abort();
    else signal?.addEventListener("abort", abort, { once: true });
  });
