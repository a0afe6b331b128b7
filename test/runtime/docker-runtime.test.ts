import Docker from "dockerode";
import { describeContainerRuntime } from "../../agent/runtime/runtime-contract.js";
import { BUSYBOX, busyboxCommands, dockerTestRuntime, PAUSE, TEST_LABEL } from "./docker-fixture.js";

// The runtime contract against the real Docker Engine.
describeContainerRuntime("docker", async () => {
  const setup = await dockerTestRuntime("skiff-test-contract");
  const foreign: Docker.Container[] = [];
  return {
    runtime: setup.runtime,
    image: BUSYBOX,
    pauseImage: PAUSE,
    network: setup.bridge.name,
    commands: busyboxCommands,
    async foreignContainer() {
      // Named like one of skiff's, but without its labels.
      const container = await setup.docker.createContainer({
        name: `k8s_POD_foreign_contract_${Date.now()}_0`,
        Image: BUSYBOX,
        Cmd: busyboxCommands.runForever,
        Labels: { [TEST_LABEL]: "runtime-foreign" },
      });
      foreign.push(container);
      await container.start();
      return { id: container.id, stillRunning: async () => (await container.inspect()).State.Running };
    },
    async teardown() {
      for (const container of foreign) await container.remove({ force: true }).catch(() => undefined);
      await setup.teardown();
    },
  };
});
