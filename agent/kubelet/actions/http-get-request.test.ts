import { describe, expect, it } from "vitest";
import { containerSchema, type Container } from "../../../src/api/core/v1/container.js";
import type { HTTPGetAction } from "../../../src/api/core/v1/probe.js";
import { ActionError } from "./action-error.js";
import { httpGetRequest } from "./http-get-request.js";

const container: Container = containerSchema.parse({ name: "web", ports: [{ name: "http", containerPort: 8080 }] });

function request(action: Partial<HTTPGetAction>, podIP: string | undefined = "10.42.0.5", purpose: "probe" | "lifecycle" = "probe") {
  return httpGetRequest({ port: 8080, ...action }, container, podIP, purpose);
}

describe("httpGetRequest", () => {
  it("goes to the pod IP on the port by number or name, path / by default, with the kubelet's User-Agent and Accept", () => {
    const { url, headers } = request({ port: "http" });
    expect(url.href).toBe("http://10.42.0.5:8080/");
    expect(headers).toEqual([
      ["User-Agent", "kube-probe/1.32"],
      ["Accept", "*/*"],
    ]);
    expect(request({}, "10.42.0.5", "lifecycle").headers[0]).toEqual(["User-Agent", "kube-lifecycle/1.32"]);
  });

  it("uses host, scheme, path and query as given", () => {
    expect(request({ host: "127.0.0.1", scheme: "HTTPS", path: "/healthz?verbose=1" }).url.href).toBe("https://127.0.0.1:8080/healthz?verbose=1");
    expect(request({ path: "healthz" }).url.href).toBe("http://10.42.0.5:8080/healthz");
    expect(request({ path: "http://elsewhere:9/x" }).url.href).toBe("http://10.42.0.5:8080/x");
    expect(request({}, "fd00::5").url.href).toBe("http://[fd00::5]:8080/");
  });

  it("keeps the action's own headers, its User-Agent and Accept instead of the defaults, and drops an empty Accept", () => {
    expect(request({ httpHeaders: [{ name: "user-agent", value: "mine" }, { name: "X-A", value: "1" }] }).headers).toEqual([
      ["user-agent", "mine"],
      ["X-A", "1"],
      ["Accept", "*/*"],
    ]);
    expect(request({ httpHeaders: [{ name: "Accept", value: "" }] }).headers).toEqual([["User-Agent", "kube-probe/1.32"]]);
    expect(request({ httpHeaders: [{ name: "Accept", value: "application/json" }] }).headers).toContainEqual(["Accept", "application/json"]);
  });

  it("refuses what cannot be reached, with the kubelet's words", () => {
    expect(() => request({ port: "metrics" })).toThrow(new ActionError('strconv.Atoi: parsing "metrics": invalid syntax'));
    expect(() => request({ port: 0 })).toThrow(new ActionError("invalid port number: 0"));
    expect(() => request({ port: "70000" })).toThrow(new ActionError("invalid port number: 70000"));
    expect(request({ port: "9090" }).url.port).toBe("9090");
    expect(() => httpGetRequest({ port: 8080 }, container, undefined, "probe")).toThrow(ActionError);
    expect(() => request({ scheme: "FTP" })).toThrow(ActionError);
  });
});
