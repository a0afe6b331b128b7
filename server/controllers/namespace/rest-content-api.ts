import { isNotFound, type ApiObject, type RestClient } from "../../../src/client/rest/rest-client.js";
import type { ContentApi, ContentItem } from "./content-deleter.js";

const itemOf = (object: ApiObject): ContentItem => {
  const meta = object.metadata ?? {};
  const item: ContentItem = { name: meta.name ?? "" };
  if (typeof meta.deletionTimestamp === "string") item.deletionTimestamp = meta.deletionTimestamp;
  if (Array.isArray(meta.finalizers)) item.finalizers = (meta.finalizers as unknown[]).filter((f): f is string => typeof f === "string");
  return item;
};

/** The namespace controller's lists and deletes through the server's API. */
export function restContentApi(client: RestClient): ContentApi {
  return {
    async list(resource, namespace) {
      const items: ContentItem[] = [];
      let token: string | undefined;
      do {
        const page = await client.list<ApiObject>(resource.ref, namespace, { limit: 500, ...(token ? { continue: token } : {}) });
        items.push(...page.items.map(itemOf));
        token = page.metadata.continue || undefined;
      } while (token !== undefined);
      return items;
    },
    async delete(resource, namespace, name) {
      try {
        const answer = await client.delete<ApiObject>(resource.ref, namespace, name, { propagationPolicy: "Background" });
        // 200 with a Status: gone; 202 with the object: marked, waiting for its node or its finalizers.
        return answer?.kind === "Status" ? "gone" : itemOf(answer);
      } catch (error) {
        if (isNotFound(error)) return "gone";
        throw error;
      }
    },
  };
}
