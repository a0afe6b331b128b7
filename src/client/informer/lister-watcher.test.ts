import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { RestClient } from "../rest/rest-client.js";
import { MalformedListError, resourceListerWatcher } from "./lister-watcher.js";
import { podsRef } from "./testing/informer-harness.js";

let server: Server | undefined;
let client: RestClient | undefined;
afterEach(async () => {
  client?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
});

let body: unknown;

/** A server that answers every request with `body`; resolves with a client for it. */
async function answering(): Promise<RestClient> {
  server = createServer((_request, response) => {
    response.writeHead(200, { "Content-Type": "application/json" });
    response.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  client = new RestClient({ server: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
  return client;
}

describe("resourceListerWatcher", () => {
  const signal = new AbortController().signal;

  it("reads a page: items, version and continue token; null items are none", async () => {
    body = { metadata: { resourceVersion: "9", continue: "c" }, items: null };
    const source = resourceListerWatcher(await answering(), podsRef, "web");
    expect(await source.list({ limit: 5, signal })).toEqual({ items: [], resourceVersion: "9", continue: "c" });
  });

  it("refuses a list an informer cannot use: no resourceVersion, or items without names", async () => {
    const source = resourceListerWatcher(await answering(), podsRef, undefined);
    body = { metadata: {}, items: [] };
    await expect(source.list({ signal })).rejects.toThrow(MalformedListError);
    body = { metadata: { resourceVersion: "3" }, items: [{ metadata: { resourceVersion: "2" } }] };
    await expect(source.list({ signal })).rejects.toThrow(/items.*metadata.*name/s);
  });
});
