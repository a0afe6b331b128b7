import { describeContainerRuntime } from "../../agent/runtime/runtime-contract.js";
import type { FakeProcessScript } from "../../agent/runtime/fake/fake-process.js";
import { FakeRuntime } from "../../agent/runtime/fake/fake-runtime.js";

// The runtime contract against the in-memory fake: its commands are scripts in disguise.
const RUN_FOREVER = "fake:run-forever";
const PRINT_AND_EXIT = "fake:print-and-exit";

interface Printed {
  stdout: string;
  stderr: string;
  exitCode: number;
}

function printed(command: string[] | undefined): Printed | undefined {
  if (command?.[0] !== PRINT_AND_EXIT || command[1] === undefined) return undefined;
  return JSON.parse(command[1]) as Printed;
}

function script(command: string[] | undefined): FakeProcessScript {
  const output = printed(command);
  if (!output) return {};
  // One log entry per line, as Docker's log holds them (tailLines counts entries).
  const lines = (stream: "stdout" | "stderr", text: string) =>
    (text.match(/[^\n]*\n|[^\n]+$/g) ?? []).map((line) => ({ stream, text: line }));
  return {
    logs: [...lines("stdout", output.stdout), ...lines("stderr", output.stderr)],
    exit: { code: output.exitCode, afterMs: 10 },
  };
}

describeContainerRuntime("fake", async () => {
  const runtime = new FakeRuntime({
    processes: (config) => script(config.command),
    exec: (_id, command) => printed(command) ?? { exitCode: 0 },
  });
  runtime.images.addLocal("fake/busybox:1");
  runtime.images.addLocal("fake/pause:1");
  return {
    runtime,
    image: "fake/busybox:1",
    pauseImage: "fake/pause:1",
    commands: {
      runForever: [RUN_FOREVER],
      printAndExit: (output) => [PRINT_AND_EXIT, JSON.stringify(output)],
    },
    async teardown() {},
  };
});
