import { stringify } from "yaml";
import type { ApiObject } from "../../src/client/rest/rest-client.js";

export interface ServiceOptions {
  namespace?: string;
  /** The pods it selects; `app: <name>` unless given. */
  selector?: Record<string, string>;
}

/**
 * A v1 Service over `ports`, selecting the pods of the app of its name.
 *
 * @example
 * serviceObject("web", [{ name: "http", port: 80, targetPort: 8080 }]);
 */
export function serviceObject(name: string, ports: Array<Record<string, unknown>>, options: ServiceOptions = {}): ApiObject {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name, ...(options.namespace === undefined ? {} : { namespace: options.namespace }) },
    spec: { selector: options.selector ?? { app: name }, ports },
  };
}

/** {@link serviceObject} as a YAML manifest for kubectl's stdin or a file. */
export function serviceManifest(name: string, ports: Array<Record<string, unknown>>, options: ServiceOptions = {}): string {
  return stringify(serviceObject(name, ports, options));
}
