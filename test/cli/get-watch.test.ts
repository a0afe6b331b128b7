import { spawn, type ChildProcess } from "node:child_process";
import { describe, expect, it } from "vitest";
import { runGet } from "../../src/cli/commands/get.js";
import { UsageError } from "../../src/cli/flags.js";
import type { ApiObject } from "../../src/client/rest/rest-client.js";
import { eventually } from "../../src/client/informer/testing/eventually.js";
import { useTestServer } from "../support/server-hooks.js";
import { CapturedIo, withoutAges } from "./cli-harness.js";

// `skiff get -w` and the real `kubectl get -w`, side by side on the same changes.
const { server, kubeconfig } = useTestServer();

const pods = { group: "", version: "v1", resource: "pods", namespaced: true };

const pod = (name: string, app: string): ApiObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: "default", labels: { app } },
  spec: { containers: [{ name: "main", image: "skiff-test/busybox:1" }] },
});

/** `skiff get ... -w` running in this process until `stop()`. */
function skiffWatch(args: string[]): { io: CapturedIo; stop(): Promise<number> } {
  const controller = new AbortController();
  const io = new CapturedIo(controller.signal);
  const running = runGet(["--kubeconfig", kubeconfig(), ...args], io);
  return {
    io,
    stop: async () => {
      controller.abort();
      return running;
    },
  };
}

/** The real `kubectl get ... -w`, its output collected until it is killed. */
function kubectlWatch(args: string[]): { output(): string; stop(): void } {
  const child: ChildProcess = spawn("kubectl", ["--kubeconfig", kubeconfig(), "get", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  return { output: () => output, stop: () => void child.kill() };
}

const lines = (text: string): number => text.split("\n").length - 1;

describe("skiff get -w", () => {
  it("prints the table, then a row per change, as kubectl does", async () => {
    await server().client.create(pods, "default", pod("w-1", "watched"));
    const ours = skiffWatch(["pods", "-l", "app=watched", "-w"]);
    const theirs = kubectlWatch(["pods", "-l", "app=watched", "-w"]);
    const both = (count: number) => () => lines(ours.io.stdoutText) === count && lines(theirs.output()) === count;
    try {
      await eventually("the first table", both(2), 10_000);
      await server().client.create(pods, "default", pod("w-2-longer-name", "watched"));
      await eventually("the added pod", both(3), 10_000);
      await server().client.patch(pods, "default", "w-1", "merge", { metadata: { labels: { app: "watched", extra: "yes" } } });
      await eventually("the modified pod", both(4), 10_000);
      // Out of the selection: a DELETED event for this watcher.
      await server().client.patch(pods, "default", "w-2-longer-name", "merge", { metadata: { labels: { app: "other" } } });
      await eventually("the pod that left the selection", both(5), 10_000);
      await server().client.delete(pods, "default", "w-1");
      await eventually("the deleted pod", both(6), 10_000);
    } finally {
      theirs.stop();
      expect(await ours.stop()).toBe(0);
    }
    expect(withoutAges(ours.io.stdoutText)).toBe(withoutAges(theirs.output()));
    expect(withoutAges(ours.io.stdoutText)).toBe(
      [
        "NAME   READY   STATUS    RESTARTS   AGE",
        "w-1    0/1     Pending   0          ##",
        "w-2-longer-name   0/1     Pending   0          ##",
        "w-1               0/1     Pending   0          ##",
        "w-2-longer-name   0/1     Pending   0          ##",
        "w-1               0/1     Pending   0          ##",
        "",
      ].join("\n"),
    );
  });

  it("watches one named object without printing it twice", async () => {
    await server().client.create(pods, "default", pod("single", "single"));
    const ours = skiffWatch(["pod", "single", "-w"]);
    const theirs = kubectlWatch(["pod", "single", "-w"]);
    try {
      await eventually("the object", () => lines(ours.io.stdoutText) === 2 && lines(theirs.output()) === 2, 10_000);
      await server().client.patch(pods, "default", "single", "merge", { metadata: { labels: { app: "single", seen: "1" } } });
      await eventually("its change", () => lines(ours.io.stdoutText) === 3 && lines(theirs.output()) === 3, 10_000);
    } finally {
      theirs.stop();
      expect(await ours.stop()).toBe(0);
    }
    expect(withoutAges(ours.io.stdoutText)).toBe(withoutAges(theirs.output()));
  });

  it("prints names per event with -o name, the namespace column with -A", async () => {
    const names = skiffWatch(["pods", "-l", "app=named", "-w", "-o", "name"]);
    const all = skiffWatch(["pods", "-A", "-l", "app=named", "-w"]);
    try {
      await server().client.create(pods, "default", pod("n-1", "named"));
      await eventually("the name", () => names.io.stdoutText === "pod/n-1\n" && lines(all.io.stdoutText) === 2);
    } finally {
      expect(await names.stop()).toBe(0);
      expect(await all.stop()).toBe(0);
    }
    expect(withoutAges(all.io.stdoutText)).toBe("NAMESPACE   NAME   READY   STATUS    RESTARTS   AGE\ndefault     n-1    0/1     Pending   0          ##\n");
  });

  it("watches one resource at a time", async () => {
    const several = skiffWatch(["pods,svc", "-w"]);
    await expect(several.stop()).rejects.toThrow(UsageError);
  });
});
