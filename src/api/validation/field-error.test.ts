import { describe, expect, it } from "vitest";
import { formatFieldError, invalid, notSupported, required } from "./field-error.js";
import { root } from "./field-path.js";

describe("field errors", () => {
  it("prints paths and messages as Kubernetes does", () => {
    const image = root("spec").child("template").child("spec").child("containers").index(0).child("image");
    expect(formatFieldError(required(image))).toBe("spec.template.spec.containers[0].image: Required value");
    expect(formatFieldError(invalid(root("metadata").child("labels").key("app"), "-x", "bad label"))).toBe(
      'metadata.labels[app]: Invalid value: "-x": bad label',
    );
    expect(formatFieldError(notSupported(root("spec").child("restartPolicy"), "Sometimes", ["Always", "Never"]))).toBe(
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "Never"',
    );
  });
});
