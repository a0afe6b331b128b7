import { describe, expect, it } from "vitest";
import type { Pod } from "../../../src/api/core/v1/pod.js";
import type { EventHandler } from "../../../src/client/informer/event-handler.js";
import { createLogger } from "../../../src/log.js";
import { informerPodSource } from "./pod-source.js";
import { podOf } from "./testing/harness.js";

function source() {
  let handler: EventHandler<Pod> | undefined;
  const informer = {
    addEventHandler(h: EventHandler<Pod>) {
      handler = h;
      return { remove: () => {} };
    },
  };
  const pods = informerPodSource(informer, createLogger("silent"));
  const changed: string[] = [];
  pods.onChange((uid) => changed.push(uid));
  return { pods, changed, handler: () => handler! };
}

describe("informerPodSource", () => {
  it("addresses pods by uid, and a pod re-created under the same name is another pod", async () => {
    const { pods, changed, handler } = source();
    const first = podOf("web");
    const second = { ...podOf("web"), metadata: { ...first.metadata, uid: "uid-new" } };
    await handler().onAdd?.(first);
    await handler().onUpdate?.(first, second);
    expect(pods.get(first.metadata.uid!)).toBeUndefined();
    expect(pods.get("uid-new")?.metadata.name).toBe("web");
    expect(changed).toEqual([first.metadata.uid, first.metadata.uid, "uid-new"]);
    await handler().onDelete?.(second, { finalStateUnknown: false });
    expect(pods.list()).toEqual([]);
  });

  it("parses pods on the way in (defaults applied) and leaves out those that do not parse", async () => {
    const { pods, handler } = source();
    const raw = { apiVersion: "v1", kind: "Pod", metadata: { name: "bare", namespace: "default", uid: "u-bare" } } as unknown as Pod;
    await handler().onAdd?.(raw);
    expect(pods.get("u-bare")?.spec.containers).toEqual([]);
    const broken = { ...podOf("bad"), spec: { containers: "nope" } } as unknown as Pod;
    await handler().onAdd?.(broken);
    expect(pods.get(broken.metadata.uid!)).toBeUndefined();
  });
});
