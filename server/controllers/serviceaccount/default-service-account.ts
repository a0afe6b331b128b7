import type { ResourceRef } from "../../../src/client/rest/paths.js";
import { isConflict, type ApiObject } from "../../../src/client/rest/rest-client.js";
import { StatusError } from "../../../src/errors/status.js";
import { defaultServiceAccountName } from "../../apiserver/admission/service-account.js";
import type { Controller } from "../controller.js";
import { perNamespaceObjectController } from "./per-namespace-object.js";

const serviceAccountsRef: ResourceRef = { group: "", version: "v1", resource: "serviceaccounts", namespaced: true };

const alreadyExists = (error: unknown): boolean => isConflict(error) && error instanceof StatusError && error.reason === "AlreadyExists";

/** Kubernetes' ServiceAccount controller: every namespace has a `default` ServiceAccount, re-made if deleted. */
export function defaultServiceAccountController(): Controller {
  return perNamespaceObjectController<ApiObject>({
    controllerName: "serviceaccount",
    ref: serviceAccountsRef,
    objectName: defaultServiceAccountName,
    async reconcile(client, namespace, current) {
      if (current) return;
      const serviceAccount = { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: defaultServiceAccountName } };
      // Made by someone else since the cache looked: the goal is met.
      await client.create(serviceAccountsRef, namespace, serviceAccount, { fieldManager: "serviceaccount-controller" }).catch((error: unknown) => {
        if (!alreadyExists(error)) throw error;
      });
    },
  });
}
