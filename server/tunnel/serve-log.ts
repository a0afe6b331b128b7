import type { ServerResponse } from "node:http";
import type { Status } from "../../src/errors/status.js";
import { Channel } from "../../src/tunnel/protocol.js";
import { failed, type StreamStatus } from "../../src/tunnel/stream-status.js";
import { sendStatus } from "../apiserver/http/respond.js";
import type { ResourceCall } from "../apiserver/rest/context.js";
import { getExisting } from "../apiserver/rest/get.js";
import type { AgentTunnels } from "./agent-tunnels.js";
import { parsePodLogOptions } from "./log-options.js";
import { chooseContainer, podTargetOf } from "./pod-target.js";

/** What a stream's peer hears when the HTTP client went away first. */
export const clientGone = failed(499, "ClientClosedRequest", "the client closed the request");

/**
 * `GET pods/{name}/log`: checks the options, the pod and the container as
 * Kubernetes does, then streams the log from the node's agent as text/plain.
 * A pod not bound to a node has no log yet: an empty answer, as in
 * Kubernetes. A failure the agent reports before any output is answered
 * with its Status; after output has begun the response is cut off.
 */
export async function serveLog(tunnels: AgentTunnels, call: ResourceCall, response: ServerResponse): Promise<void> {
  const options = parsePodLogOptions(call.query, call.info.name);
  const pod = podTargetOf(await getExisting(call));
  const container = chooseContainer(pod, options.container);
  if (pod.nodeName === "") {
    response.writeHead(200, { "Content-Type": "text/plain" }).end();
    return;
  }

  const { container: _named, ...logOptions } = options;
  await new Promise<void>((done) => {
    const startStreaming = (): void => {
      if (response.headersSent) return;
      response.writeHead(200, { "Content-Type": "text/plain", "Transfer-Encoding": "chunked", "Cache-Control": "no-cache, private" });
      response.flushHeaders();
    };
    const stream = tunnels.open(
      pod.nodeName,
      { kind: "log", namespace: pod.namespace, pod: pod.name, uid: pod.uid, container, ...logOptions },
      {
        data(channel, payload, release) {
          if (channel !== Channel.Stdout && channel !== Channel.Stderr) return release();
          startStreaming();
          // The window comes back once the bytes are on their way to the client.
          response.write(payload, () => release());
        },
        closed(status) {
          if (status.status === "Success") {
            startStreaming();
            response.end();
          } else if (!response.headersSent) {
            sendStatus(response, asStatus(status));
          } else {
            response.destroy();
          }
          done();
        },
      },
    );
    response.on("close", () => {
      if (stream.closed) return;
      stream.abort(clientGone);
      done();
    });
  });
}

/** A stream's failure as the Status an HTTP answer carries. */
function asStatus(status: StreamStatus): Status {
  const answer: Status = { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", code: status.code ?? 500 };
  if (status.message !== undefined) answer.message = status.message;
  if (status.reason !== undefined) answer.reason = status.reason;
  if (status.details !== undefined) answer.details = status.details;
  return answer;
}
