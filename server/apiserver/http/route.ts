import type { IncomingMessage, ServerResponse } from "node:http";
import type { UserInfo } from "../../auth/user.js";

/**
 * An endpoint of skiff's own beside the Kubernetes API (joining). The
 * handler authenticates and authorizes a request to it as a non-resource
 * request, unless the route is public (it then proves the caller some other
 * way, as the join exchange does with its token).
 */
export interface Route {
  /** True when this route serves `path` (without query or trailing slash). */
  matches(path: string): boolean;
  /** Answered without credentials and without authorization. */
  public: boolean;
  /** `user` is undefined on a public route called without credentials. */
  serve(request: IncomingMessage, response: ServerResponse, path: string, user: UserInfo | undefined): Promise<void>;
}
