import type { ConfigMap } from "../../../src/api/core/v1/config-map.js";
import type { Secret } from "../../../src/api/core/v1/secret.js";
import type { ObjectSource } from "../pod-dependencies.js";

/** An ObjectSource over plain maps, for tests: `ns/name` → object. */
export class MapObjectSource implements ObjectSource {
  readonly configMaps = new Map<string, ConfigMap>();
  readonly secrets = new Map<string, Secret>();

  /** Adds (or replaces) a ConfigMap with text data and optional binaryData (given as text, stored base64). */
  putConfigMap(namespace: string, name: string, data: Record<string, string>, binary?: Record<string, string>): this {
    const binaryData = binary && Object.fromEntries(Object.entries(binary).map(([k, v]) => [k, Buffer.from(v).toString("base64")]));
    this.configMaps.set(`${namespace}/${name}`, { apiVersion: "v1", kind: "ConfigMap", metadata: { namespace, name }, data, binaryData });
    return this;
  }

  /** Adds (or replaces) a Secret; `data` is given as text and stored base64, as the API holds it. */
  putSecret(namespace: string, name: string, data: Record<string, string>, type?: string): this {
    const encoded = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString("base64")]));
    this.secrets.set(`${namespace}/${name}`, { apiVersion: "v1", kind: "Secret", metadata: { namespace, name }, data: encoded, type });
    return this;
  }

  configMap(namespace: string, name: string): ConfigMap | undefined {
    return this.configMaps.get(`${namespace}/${name}`);
  }

  secret(namespace: string, name: string): Secret | undefined {
    return this.secrets.get(`${namespace}/${name}`);
  }
}
