import type { MessageSchema } from "../schemas.js";
import { appsProtobufKinds } from "./apps.js";
import { authenticationProtobufKinds } from "./authentication.js";
import { authorizationProtobufKinds } from "./authorization.js";
import { batchProtobufKinds } from "./batch.js";
import { corePodProtobufKinds } from "./core-pod.js";
import { coreServiceProtobufKinds } from "./core-service.js";
import { coreProtobufKinds } from "./core.js";
import { rbacProtobufKinds } from "./rbac.js";

/** Every kind skiff reads from protobuf, by `apiVersion/kind`. */
export const protobufKinds: Readonly<Record<string, MessageSchema>> = {
  ...coreProtobufKinds,
  ...corePodProtobufKinds,
  ...coreServiceProtobufKinds,
  ...appsProtobufKinds,
  ...batchProtobufKinds,
  ...authenticationProtobufKinds,
  ...rbacProtobufKinds,
  ...authorizationProtobufKinds,
};
