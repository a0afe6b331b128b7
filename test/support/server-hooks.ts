import { afterAll, beforeAll, expect } from "vitest";
import { kubectlRunner, type Kubectl } from "./kubectl.js";
import { startTestServer, type TestServer, type TestServerOptions } from "./server.js";

/** The server of a test file, readable from its tests and its own hooks once the file's first beforeAll ran. */
export interface TestServerHandle {
  server(): TestServer;
  /** The admin kubeconfig the server wrote. */
  kubeconfig(): string;
}

/** A test file's server with the real kubectl pointed at it. */
export interface KubectlServerHandle extends TestServerHandle {
  kubectl: Kubectl;
  /** Runs kubectl, expects it to succeed without a word on stderr, and returns its stdout. */
  ok(args: string[], stdin?: string): Promise<string>;
}

/**
 * Starts a test server before the file's tests and stops it after them.
 * Call it before the file's own hooks: those then run after the server is up
 * and, as vitest runs after-hooks in reverse, finish before it stops.
 * `options` may be a function for choices only known in an earlier hook (an etcd endpoint).
 *
 * @example
 * const { server } = useTestServer();
 * it("creates", async () => { await server().client.create(...); });
 */
export function useTestServer(options: TestServerOptions | (() => TestServerOptions) = {}): TestServerHandle {
  let running: TestServer | undefined;
  beforeAll(async () => {
    running = await startTestServer(typeof options === "function" ? options() : options);
  });
  afterAll(async () => {
    await running?.stop();
    running = undefined;
  });
  const server = (): TestServer => {
    if (!running) throw new Error("the test server is not running: useTestServer() serves tests and hooks registered after it");
    return running;
  };
  return { server, kubeconfig: () => server().server.kubeconfigPath };
}

/**
 * {@link useTestServer} plus a kubectl runner on the server's admin kubeconfig.
 *
 * @example
 * const { kubectl, ok } = useKubectlServer();
 * it("lists", async () => expect(await ok(["get", "ns", "-o", "name"])).toContain("namespace/default"));
 */
export function useKubectlServer(options: TestServerOptions | (() => TestServerOptions) = {}): KubectlServerHandle {
  const handle = useTestServer(options);
  let runner: Kubectl | undefined;
  beforeAll(async () => {
    runner = await kubectlRunner(handle.kubeconfig());
  });
  const kubectl: Kubectl = (args, stdin) => {
    if (!runner) throw new Error("kubectl is not ready: useKubectlServer() serves tests and hooks registered after it");
    return runner(args, stdin);
  };
  const ok = async (args: string[], stdin?: string): Promise<string> => {
    const result = await kubectl(args, stdin);
    expect(result.stderr, `kubectl ${args.join(" ")}`).toBe("");
    expect(result.code).toBe(0);
    return result.stdout;
  };
  return { ...handle, kubectl, ok };
}
