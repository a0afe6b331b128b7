import { describe, expect, it } from "vitest";
import { refusal } from "../../test/support/refusal.js";
import { tunnelNodeName } from "./node-identity.js";

const admin = { name: "system:admin", groups: ["system:masters"] };
const node = { name: "system:node:pi-1", groups: ["system:nodes"] };

describe("tunnelNodeName", () => {
  it("takes a node identity's own name, asked or not", () => {
    expect(tunnelNodeName(node, null)).toBe("pi-1");
    expect(tunnelNodeName(node, "pi-1")).toBe("pi-1");
  });

  it("forbids a node identity to speak for another node", () => {
    expect(refusal(() => tunnelNodeName(node, "pi-2"))).toEqual({
      code: 403,
      message: 'nodes "pi-2" is forbidden: user "system:node:pi-1" may only open the tunnel of its own node',
    });
  });

  it("takes the node parameter from any other user, which must name a node", () => {
    expect(tunnelNodeName(admin, "worker.lan")).toBe("worker.lan");
    expect(refusal(() => tunnelNodeName(admin, null))).toMatchObject({ code: 400, message: expect.stringContaining("node query parameter is required") });
    expect(refusal(() => tunnelNodeName(admin, ""))).toMatchObject({ code: 400 });
    expect(refusal(() => tunnelNodeName(admin, "Bad_Name"))).toMatchObject({
      code: 400,
      message: expect.stringMatching(/^invalid node name "Bad_Name": a lowercase RFC 1123 subdomain/),
    });
  });
});
