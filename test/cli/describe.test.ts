import { beforeAll, describe, expect, it } from "vitest";
import { runDescribe } from "../../src/cli/commands/describe.js";
import type { ApiObject } from "../../src/client/rest/rest-client.js";
import { deploymentObject } from "../support/deployment.js";
import { useKubectlServer } from "../support/server-hooks.js";
import { serviceObject } from "../support/service.js";
import { runCommand, withoutAges, type CliResult } from "./cli-harness.js";

// The workload controllers are off: the described objects stay as written (no revision annotation, no pods).
const { server, kubeconfig, kubectl } = useKubectlServer({ controllers: ["*", "-scheduler", "-replicaset", "-deployment"] });

const deployments = { group: "apps", version: "v1", resource: "deployments", namespaced: true };
const services = { group: "", version: "v1", resource: "services", namespaced: true };
const events = { group: "", version: "v1", resource: "events", namespaced: true };

/** An event about `object`, as a controller records one. */
function eventAbout(object: ApiObject, name: string, reason: string, message: string, count = 1): ApiObject {
  const at = new Date(Date.now() - 30_000).toISOString().replace(/\.\d+Z$/, "Z");
  return {
    apiVersion: "v1",
    kind: "Event",
    metadata: { name, namespace: "default" },
    involvedObject: {
      apiVersion: object.apiVersion,
      kind: object.kind,
      name: object.metadata?.name,
      namespace: "default",
      uid: object.metadata?.uid,
    },
    reason,
    message,
    type: "Normal",
    count,
    firstTimestamp: at,
    lastTimestamp: at,
    source: { component: "deployment-controller" },
  };
}

beforeAll(async () => {
  const hello = await server().client.create(
    deployments,
    "default",
    deploymentObject("hello", "skiff-test/busybox:1", { namespace: "default", labels: { app: "hello", tier: "web" }, annotations: { team: "a" }, replicas: 2 }),
  );
  const web = await server().client.create(services, "default", serviceObject("web", [{ port: 80 }], { namespace: "default", selector: { app: "hello" } }));
  await server().client.create(events, "default", eventAbout(hello, "hello.1", "ScalingReplicaSet", "Scaled up replica set hello-7d4 to 2"));
  await server().client.create(events, "default", eventAbout(hello, "hello.2", "Paused", "Deployment is paused ", 3));
  await server().client.create(events, "default", eventAbout(web, "web.1", "Synced", "Endpoints updated"));
});

const describeCli = (args: string[]): Promise<CliResult> => runCommand(runDescribe, kubeconfig(), args);

const eventsSection = (text: string): string => withoutAges(text.slice(text.indexOf("\nEvents:") + 1));

describe("skiff describe", () => {
  it("shows the header, the fields as a tree and the object's events", async () => {
    const { code, stdout, stderr } = await describeCli(["deploy", "hello"]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout.split("\n").slice(0, 8)).toEqual([
      "Name:         hello",
      "Namespace:    default",
      "Labels:       app=hello",
      "              tier=web",
      "Annotations:  team: a",
      "API Version:  apps/v1",
      "Kind:         Deployment",
      "Metadata:",
    ]);
    expect(stdout).toMatch(/\n {2}Creation Timestamp: {2}\d{4}-\d\d-\d\dT/);
    expect(stdout).toMatch(/\nSpec:\n(.*\n)* {2}Replicas: +2\n/);
    expect(stdout).toMatch(/\n {6}Containers:\n {8}Image: +skiff-test\/busybox:1\n/);
    expect(stdout).not.toContain("Endpoints updated");
    expect(eventsSection(stdout)).toBe(
      [
        "Events:",
        "  Type    Reason             Age                From                   Message",
        "  ----    ------             ----               ----                   -------",
        "  Normal  ScalingReplicaSet  ###                deployment-controller  Scaled up replica set hello-7d4 to 2",
        "  Normal  Paused             ### (x3 over ###)  deployment-controller  Deployment is paused",
        "",
      ].join("\n"),
    );
  });

  it("lays the events out as kubectl describe does", async () => {
    const ours = await describeCli(["svc", "web"]);
    const theirs = await kubectl(["describe", "svc", "web"]);
    expect(eventsSection(ours.stdout)).toBe(eventsSection(theirs.stdout));
    expect(eventsSection(ours.stdout)).toContain("Synced");
  });

  it("describes every object whose name starts with a name that matches none", async () => {
    const prefix = await describeCli(["deploy", "hel"]);
    expect(prefix.code).toBe(0);
    expect(prefix.stdout).toMatch(/^Name: {9}hello\n/);
    expect(await describeCli(["deploy", "nope"])).toEqual({
      code: 1,
      stdout: "",
      stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n',
    });
  });

  it("separates several descriptions by a blank line, and says when there are none", async () => {
    const both = await describeCli(["deploy/hello", "svc/web"]);
    expect(both.stdout).toMatch(/^Name: {9}hello\n/);
    expect(both.stdout).toMatch(/\n\n\nName: {9}web\n/);
    expect(await describeCli(["pods", "-n", "empty"])).toEqual({ code: 0, stdout: "", stderr: "No resources found in empty namespace.\n" });
  });
});
