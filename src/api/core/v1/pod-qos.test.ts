import { describe, expect, it } from "vitest";
import { podQosClass } from "./pod-qos.js";

const container = (resources?: { requests?: Record<string, string>; limits?: Record<string, string> }) => ({
  name: "c",
  image: "i",
  ...(resources ? { resources } : {}),
});

describe("podQosClass", () => {
  it("is BestEffort without requests or limits", () => {
    expect(podQosClass({ containers: [container(), container()] } as never)).toBe("BestEffort");
  });
  it("is Guaranteed when every container limits cpu and memory and requests equal limits", () => {
    const full = container({ requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "0.5", memory: "1024Mi" } });
    const limitsOnly = container({ limits: { cpu: "1", memory: "64Mi" } });
    expect(podQosClass({ containers: [full, limitsOnly] } as never)).toBe("Guaranteed");
  });
  it("is Burstable otherwise", () => {
    expect(podQosClass({ containers: [container({ requests: { cpu: "100m" } })] } as never)).toBe("Burstable");
    expect(
      podQosClass({ containers: [container({ requests: { cpu: "100m", memory: "1Gi" }, limits: { cpu: "200m", memory: "1Gi" } })] } as never),
    ).toBe("Burstable");
    expect(podQosClass({ containers: [container({ limits: { cpu: "1", memory: "1Gi" } }), container()] } as never)).toBe("Burstable");
  });
});
