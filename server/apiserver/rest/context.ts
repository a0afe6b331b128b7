import type { Clock } from "../../../src/clock.js";
import type { TokenIssuer } from "../../auth/serviceaccount/issue-token.js";
import type { UserInfo } from "../../auth/user.js";
import type { AdmissionRequest } from "../admission/admission.js";
import type { ResourceRequest } from "../request/request-info.js";
import type { ResourceTable, ServedResource } from "../resources/served-resource.js";
import type { ObjectStore } from "../storage/object-store.js";

/** What every REST handler may use. */
export interface RestContext {
  resources: ResourceTable;
  clock: Clock;
  /** The object store of a served resource (one per resource, shared). */
  objectsOf(resource: ServedResource): ObjectStore;
  /** Admission of every write: may change the object, or refuse with a StatusError. */
  admit(request: AdmissionRequest): Promise<void>;
  /** Signs ServiceAccount tokens (serviceaccounts/token); absent: the subresource is not served. */
  tokens?: TokenIssuer;
}

/** One resource request, resolved against the served resources. */
export interface ResourceCall {
  info: ResourceRequest;
  resource: ServedResource;
  objects: ObjectStore;
  query: URLSearchParams;
  /** Who asks (authenticated and authorized before the call is made). */
  user: UserInfo;
  /** The User-Agent header: names the field manager of a write that names none. */
  userAgent?: string;
}

/** A handler's answer: an HTTP code and a JSON body. */
export interface RestAnswer {
  code: number;
  body: unknown;
}
