import { describe, expect, it } from "vitest";
import { refusal } from "../../test/support/refusal.js";
import { parsePodExecOptions } from "./exec-options.js";
import { parsePodLogOptions } from "./log-options.js";

const q = (text: string): URLSearchParams => new URLSearchParams(text);

describe("log options", () => {
  it("reads every option, booleans as Kubernetes reads them", () => {
    expect(parsePodLogOptions(q("container=app&follow=true&previous=1&timestamps=&tailLines=20&limitBytes=500&sinceSeconds=60"), "web")).toEqual({
      container: "app",
      follow: true,
      previous: true,
      timestamps: true,
      tailLines: 20,
      limitBytes: 500,
      sinceSeconds: 60,
    });
    expect(parsePodLogOptions(q("follow=FALSE&previous=0"), "web")).toEqual({ container: "", follow: false, previous: false, timestamps: false });
  });

  it("passes sinceTime on in whole seconds, UTC", () => {
    expect(parsePodLogOptions(q("sinceTime=2024-03-01T10:00:05.75%2B02:00"), "web").sinceTime).toBe("2024-03-01T08:00:05Z");
  });

  it("answers 400 with Go's wording for what cannot be read", () => {
    expect(refusal(() => parsePodLogOptions(q("tailLines=ten"), "web"))).toEqual({ code: 400, message: 'strconv.ParseInt: parsing "ten": invalid syntax' });
    expect(refusal(() => parsePodLogOptions(q("limitBytes=1.5"), "web"))).toEqual({ code: 400, message: 'strconv.ParseInt: parsing "1.5": invalid syntax' });
    expect(refusal(() => parsePodLogOptions(q("sinceSeconds=99999999999999999999"), "web"))).toEqual({
      code: 400,
      message: 'strconv.ParseInt: parsing "99999999999999999999": value out of range',
    });
    expect(refusal(() => parsePodLogOptions(q("sinceTime=yesterday"), "web"))).toMatchObject({
      code: 400,
      message: expect.stringMatching(/^parsing time "yesterday" as "2006-01-02T15:04:05Z07:00"/),
    });
    expect(refusal(() => parsePodLogOptions(q("sinceTime=2024-02-30T00:00:00Z"), "web"))).toMatchObject({ code: 400 });
  });

  it("answers 422 PodLogOptions invalid with every bad value", () => {
    expect(refusal(() => parsePodLogOptions(q("tailLines=-1&limitBytes=0&sinceSeconds=0"), "web"))).toEqual({
      code: 422,
      message:
        'PodLogOptions "web" is invalid: [tailLines: Invalid value: -1: must be greater than or equal to 0, limitBytes: Invalid value: 0: must be greater than 0, sinceSeconds: Invalid value: 0: must be greater than 0]',
    });
    expect(refusal(() => parsePodLogOptions(q("sinceSeconds=5&sinceTime=2024-03-01T10:00:00Z"), "web"))).toEqual({
      code: 422,
      message: 'PodLogOptions "web" is invalid: : Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified',
    });
  });
});

describe("exec options", () => {
  it("reads the command and streams", () => {
    expect(parsePodExecOptions(q("command=sh&command=-c&command=echo+hi&container=app&stdin=true&stdout=true&stderr=true"))).toEqual({
      container: "app",
      command: ["sh", "-c", "echo hi"],
      stdin: true,
      stdout: true,
      stderr: true,
      tty: false,
    });
  });

  it("drops stderr under a terminal, as the kubelet does", () => {
    expect(parsePodExecOptions(q("command=sh&stdin=true&stdout=true&stderr=true&tty=true"))).toMatchObject({ stderr: false, tty: true });
  });

  it("refuses a request that runs nothing or hears nothing", () => {
    expect(refusal(() => parsePodExecOptions(q("stdout=true")))).toEqual({ code: 400, message: "you must specify at least one command for the container" });
    expect(refusal(() => parsePodExecOptions(q("command=ls&stdout=false")))).toEqual({
      code: 400,
      message: "you must specify at least 1 of stdin, stdout, stderr",
    });
  });
});
