import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Discovery, type DiscoveredResource } from "../../client/discovery.js";
import { eventually } from "../../client/informer/testing/eventually.js";
import { RestClient } from "../../client/rest/rest-client.js";
import { WatchStreamError } from "../../client/watch/index.js";
import { StatusError } from "../../errors/status.js";
import type { Connection } from "../connect.js";
import type { CommandIo } from "./command-io.js";
import { watchOutput } from "./watch-output.js";

/**
 * `get -w` against a scripted server on loopback, for what a real server
 * does only rarely: ending a watch (skiff resumes from the last version it
 * saw), expiring one, or sending something that is not an event.
 */

const pods: DiscoveredResource = {
  group: "",
  version: "v1",
  resource: "pods",
  namespaced: true,
  kind: "Pod",
  singular: "pod",
  shortNames: [],
  categories: [],
  verbs: [],
};

const columns = [
  { name: "Name", type: "string", format: "name", description: "", priority: 0 },
  { name: "Status", type: "string", format: "", description: "", priority: 0 },
];

const table = (rows: Array<[string, string]>, resourceVersion: string, withColumns = true) => ({
  kind: "Table",
  apiVersion: "meta.k8s.io/v1",
  metadata: { resourceVersion },
  ...(withColumns ? { columnDefinitions: columns } : {}),
  rows: rows.map(([name, status]) => ({ cells: [name, status], object: { metadata: { name, namespace: "default" } } })),
});

/** Answers one watch request: writes lines, and ends the answer or leaves it open. */
type WatchScript = (response: ServerResponse) => void;

let server: Server;
let client: RestClient;
let listVersion = "10";
let scripts: WatchScript[] = [];
const watchVersions: string[] = [];

function handle(request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? "/", "http://127.0.0.1");
  response.setHeader("Content-Type", "application/json");
  if (url.searchParams.get("watch") !== "1") {
    response.end(JSON.stringify(table([["a", "Running"]], listVersion)));
    return;
  }
  watchVersions.push(url.searchParams.get("resourceVersion") ?? "");
  const script = scripts.shift();
  if (script) script(response);
}

const line = (event: unknown): string => `${JSON.stringify(event)}\n`;

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  client = new RestClient({ server: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }, { retry: { attempts: 1 } });
});

afterEach(() => {
  watchVersions.length = 0;
  scripts = [];
});

afterAll(async () => {
  client.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function start(): { output(): string; done: Promise<void>; stop(): void } {
  const controller = new AbortController();
  let text = "";
  const io: CommandIo = { stdout: { write: (t: string) => (text += t) }, stderr: { write: () => undefined }, interrupt: controller.signal };
  const connection: Connection = { client, discovery: new Discovery(client), namespace: "default" };
  const done = watchOutput(connection, [{ resource: pods, names: [] }], { namespace: "default", allNamespaces: false }, io);
  return { output: () => text, done, stop: () => controller.abort() };
}

describe("watchOutput", () => {
  it("resumes from the last version seen when the server ends the watch", async () => {
    listVersion = "10";
    scripts = [
      (response) => {
        response.write(line({ type: "ADDED", object: table([["b", "Pending"]], "11") }));
        response.end(line({ type: "BOOKMARK", object: { kind: "Pod", apiVersion: "v1", metadata: { resourceVersion: "12" } } }));
      },
      (response) => response.write(line({ type: "MODIFIED", object: table([["b", "Running"]], "13", false) })),
    ];
    const watching = start();
    await eventually("three rows and a header", () => watching.output().split("\n").length === 5);
    watching.stop();
    await watching.done;
    expect(watchVersions).toEqual(["10", "12"]);
    expect(watching.output()).toBe("NAME   STATUS\na      Running\nb      Pending\nb      Running\n");
  });

  it("fails with the server's Status when the watch has expired", async () => {
    listVersion = "20";
    const expired = { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", reason: "Expired", code: 410, message: "too old resource version: 20 (25)" };
    scripts = [(response) => response.end(line({ type: "ERROR", object: expired }))];
    const watching = start();
    await expect(watching.done).rejects.toThrow(StatusError);
    await expect(watching.done).rejects.toMatchObject({ code: 410 });
  });

  it("fails on an event that is not one", async () => {
    listVersion = "30";
    scripts = [(response) => response.end(line({ type: "ADDED", object: { kind: "Pod" } }))];
    const watching = start();
    await expect(watching.done).rejects.toThrow(WatchStreamError);
  });
});
