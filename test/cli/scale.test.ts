import { beforeAll, describe, expect, it } from "vitest";
import { runScale } from "../../src/cli/commands/scale.js";
import { UsageError } from "../../src/cli/flags.js";
import type { ApiObject } from "../../src/client/rest/rest-client.js";
import { deploymentObject } from "../support/deployment.js";
import { useKubectlServer } from "../support/server-hooks.js";
import { runCommand, type CliResult } from "./cli-harness.js";

const { server, kubeconfig, kubectl } = useKubectlServer();

const deployments = { group: "apps", version: "v1", resource: "deployments", namespaced: true };

const deployment = (name: string): ApiObject => deploymentObject(name, "skiff-test/busybox:1", { namespace: "default", replicas: 1 });

beforeAll(async () => {
  await server().client.create(deployments, "default", deployment("hello"));
  await server().client.create(deployments, "default", deployment("other"));
});

const scale = (args: string[]): Promise<CliResult> => runCommand(runScale, kubeconfig(), args);
const replicas = async (name: string): Promise<unknown> =>
  ((await server().client.get(deployments, "default", name)).spec as { replicas?: number }).replicas;

describe("skiff scale", () => {
  it("sets spec.replicas through the scale subresource and says so as kubectl does", async () => {
    const ours = await scale(["deploy", "hello", "--replicas=3"]);
    expect(ours).toEqual({ code: 0, stdout: "deployment.apps/hello scaled\n", stderr: "" });
    expect(await replicas("hello")).toBe(3);
    const theirs = await kubectl(["scale", "deploy", "hello", "--replicas=2"]);
    expect(theirs.stdout).toBe(ours.stdout);
    expect(await scale(["deployments.apps/hello", "deploy/other", "--replicas", "0"])).toEqual({
      code: 0,
      stdout: "deployment.apps/hello scaled\ndeployment.apps/other scaled\n",
      stderr: "",
    });
    expect([await replicas("hello"), await replicas("other")]).toEqual([0, 0]);
  });

  it("reports an object that is not there and scales the others", async () => {
    expect(await scale(["deploy", "nope", "hello", "--replicas=1"])).toEqual({
      code: 1,
      stdout: "deployment.apps/hello scaled\n",
      stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n',
    });
  });

  it("needs a name and a replica count of 0 or more", async () => {
    await expect(scale(["deploy", "hello"])).rejects.toThrow(/--replicas: is required/);
    await expect(scale(["deploy", "hello", "--replicas=-1"])).rejects.toThrow(UsageError);
    await expect(scale(["deploy", "hello", "--replicas=two"])).rejects.toThrow(/whole number/);
    await expect(scale(["deploy", "--replicas=1"])).rejects.toThrow(/name the objects/);
  });
});
