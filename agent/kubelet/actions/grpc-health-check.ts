import { connect, type IncomingHttpHeaders } from "node:http2";
import { joinHostPort } from "./container-port.js";
import { dialErrorText } from "./dial-error-text.js";
import type { DialOptions } from "./tcp-dial.js";

/** What a gRPC health check concluded, in the kubelet's words (`service unhealthy (responded with "NOT_SERVING")`). */
export interface GrpcHealthResult {
  serving: boolean;
  message: string;
}

/** Calls grpc.health.v1.Health/Check at host:port for `service` ("" is the whole server). */
export type GrpcHealthChecker = (host: string, port: number, service: string, options: DialOptions) => Promise<GrpcHealthResult>;

const CHECK_PATH = "/grpc.health.v1.Health/Check";
const SERVING = 1;
const HEALTH_STATUS = ["UNKNOWN", "SERVING", "NOT_SERVING", "SERVICE_UNKNOWN"];
const GRPC_CODES = [
  "OK", "Canceled", "Unknown", "InvalidArgument", "DeadlineExceeded", "NotFound", "AlreadyExists", "PermissionDenied",
  "ResourceExhausted", "FailedPrecondition", "Aborted", "OutOfRange", "Unimplemented", "Internal", "Unavailable", "DataLoss",
  "Unauthenticated",
];
const UNIMPLEMENTED = 12;

/**
 * The real checker: one Health/Check call over plaintext HTTP/2 (gRPC
 * without TLS, as the kubelet's probe), within the timeout. Every outcome
 * is a verdict, never an error, as in Kubernetes: a refused connection,
 * a server without the health service or a timeout all fail the probe.
 */
export const grpcHealthCheck: GrpcHealthChecker = (host, port, service, { timeoutMs, clock, signal }) =>
  new Promise((resolve) => {
    const address = joinHostPort(host, port);
    let connected = false;
    let settled = false;
    const session = connect(`http://${address}`);
    const finish = (serving: boolean, message: string): void => {
      if (settled) return;
      settled = true;
      timer.cancel();
      signal?.removeEventListener("abort", abort);
      session.destroy();
      resolve({ serving, message });
    };
    const abort = (): void => finish(false, "error: health rpc probe failed: context canceled");
    const timer = clock.setTimer(timeoutMs, () =>
      finish(
        false,
        connected
          ? `timeout: health rpc did not complete within ${goDuration(timeoutMs)}`
          : `timeout: failed to connect service ${JSON.stringify(address)} within ${goDuration(timeoutMs)}: context deadline exceeded`,
      ),
    );
    if (signal?.aborted) return abort();
    signal?.addEventListener("abort", abort, { once: true });
    session.once("connect", () => (connected = true));
    // Before the connection is up, the stream reports the dial error as its cause, ahead of the session.
    const failed = (error: Error): void => {
      if (connected) finish(false, `error: health rpc probe failed: ${error.message}`);
      else finish(false, `error: failed to connect service at ${JSON.stringify(address)}: ${dialErrorText(address, host, error.cause ?? error)}`);
    };
    session.on("error", failed);

    const stream = session.request({
      ":method": "POST",
      ":path": CHECK_PATH,
      "content-type": "application/grpc",
      te: "trailers",
      "user-agent": "kube-probe/1.32",
    });
    let headers: IncomingHttpHeaders = {};
    let trailers: IncomingHttpHeaders = {};
    const chunks: Buffer[] = [];
    stream.on("response", (received) => (headers = received));
    stream.on("trailers", (received) => (trailers = received));
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("error", failed);
    stream.on("end", () => {
      const verdict = evaluate(headers, trailers, Buffer.concat(chunks), timeoutMs);
      finish(verdict.serving, verdict.message);
    });
    stream.end(frame(encodeRequest(service)));
  });

function evaluate(headers: IncomingHttpHeaders, trailers: IncomingHttpHeaders, body: Buffer, timeoutMs: number): GrpcHealthResult {
  const httpStatus = Number(headers[":status"]);
  if (httpStatus !== 200) {
    return { serving: false, message: `error: health rpc probe failed: rpc error: code = Unknown desc = unexpected HTTP status code received from server: ${httpStatus}` };
  }
  const code = Number(trailers["grpc-status"] ?? headers["grpc-status"] ?? 2);
  const description = decodeURIComponent(String(trailers["grpc-message"] ?? headers["grpc-message"] ?? ""));
  if (code === UNIMPLEMENTED) {
    return { serving: false, message: `error: this server does not implement the grpc health protocol (grpc.health.v1.Health): ${description}` };
  }
  if (code === 4) return { serving: false, message: `timeout: health rpc did not complete within ${goDuration(timeoutMs)}` };
  if (code !== 0) {
    return { serving: false, message: `error: health rpc probe failed: rpc error: code = ${GRPC_CODES[code] ?? `Code(${code})`} desc = ${description}` };
  }
  const status = decodeStatus(body);
  if (status === SERVING) return { serving: true, message: "service healthy" };
  return { serving: false, message: `service unhealthy (responded with ${JSON.stringify(HEALTH_STATUS[status] ?? String(status))})` };
}

/** A gRPC message on the wire: uncompressed flag, 4-byte big-endian length, the bytes. */
export function frame(message: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.writeUInt32BE(message.length, 1);
  return Buffer.concat([header, message]);
}

/** HealthCheckRequest { string service = 1; } in protobuf. */
function encodeRequest(service: string): Buffer {
  if (service === "") return Buffer.alloc(0);
  const bytes = Buffer.from(service, "utf8");
  return Buffer.concat([Buffer.from([0x0a]), varint(bytes.length), bytes]);
}

/** The `status` (field 1) of a framed HealthCheckResponse; 0 (UNKNOWN) when absent or unreadable. */
function decodeStatus(body: Buffer): number {
  if (body.length < 5) return 0;
  const message = body.subarray(5, 5 + body.readUInt32BE(1));
  let at = 0;
  const read = (): number => {
    let value = 0;
    for (let shift = 0; at < message.length; shift += 7) {
      const byte = message[at++]!;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
    return value;
  };
  while (at < message.length) {
    const tag = read();
    const wireType = tag & 7;
    if (wireType === 0) {
      const value = read();
      if (tag >>> 3 === 1) return value;
    } else if (wireType === 2) at += read();
    else if (wireType === 1) at += 8;
    else if (wireType === 5) at += 4;
    else return 0;
  }
  return 0;
}

function varint(value: number): Buffer {
  const bytes: number[] = [];
  while (value >= 0x80) {
    bytes.push((value & 0x7f) | 0x80);
    value = Math.floor(value / 128);
  }
  bytes.push(value);
  return Buffer.from(bytes);
}

/** Whole seconds as Go prints a time.Duration: `1s`, `1m30s`, `1h0m0s`. */
function goDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (hours > 0) return `${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${minutes}m${seconds}s`;
  return `${seconds}s`;
}
