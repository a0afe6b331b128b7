import { metadata, type MessageSchema } from "../schemas.js";

/** authentication.k8s.io/v1 kinds kubectl sends as protobuf (`kubectl create token`), by `apiVersion/kind`. */
export const authenticationProtobufKinds: Readonly<Record<string, MessageSchema>> = {
  "authentication.k8s.io/v1/TokenRequest": {
    1: metadata,
    2: {
      name: "spec",
      type: {
        message: {
          1: { name: "audiences", type: "string", repeated: true },
          3: {
            name: "boundObjectRef",
            type: {
              message: {
                1: { name: "kind", type: "string" },
                2: { name: "apiVersion", type: "string" },
                3: { name: "name", type: "string" },
                4: { name: "uid", type: "string" },
              },
            },
          },
          4: { name: "expirationSeconds", type: "int" },
        },
      },
    },
    // kubectl sends an empty status; read it so the body decodes whole.
    3: {
      name: "status",
      type: { message: { 1: { name: "token", type: "string" }, 2: { name: "expirationTimestamp", type: "time" } } },
    },
  },
};
