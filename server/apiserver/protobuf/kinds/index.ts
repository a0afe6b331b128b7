import type { MessageSchema } from "../schemas.js";
import { authenticationProtobufKinds } from "./authentication.js";
import { coreProtobufKinds } from "./core.js";

/** Every kind skiff reads from protobuf, by `apiVersion/kind`. */
export const protobufKinds: Readonly<Record<string, MessageSchema>> = {
  ...coreProtobufKinds,
  ...authenticationProtobufKinds,
};
