import type { MessageSchema } from "../schemas.js";
import { authorizationProtobufKinds } from "./authorization.js";
import { coreProtobufKinds } from "./core.js";
import { rbacProtobufKinds } from "./rbac.js";

/** Every kind skiff reads from protobuf, by `apiVersion/kind`. */
export const protobufKinds: Readonly<Record<string, MessageSchema>> = {
  ...coreProtobufKinds,
  ...rbacProtobufKinds,
  ...authorizationProtobufKinds,
};
