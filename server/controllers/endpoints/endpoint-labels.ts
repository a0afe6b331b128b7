import { labelsOf } from "../../../src/client/informer/index-functions.js";
import { isHeadless, type ServiceObject } from "./pod-endpoints.js";

/** Label on the Endpoints (and EndpointSlices) of a headless service. */
export const headlessLabel = "service.kubernetes.io/headless";

/** The labels of a service's Endpoints or EndpointSlices: the service's own, and whether it is headless. */
export function endpointLabelsFor(service: ServiceObject): Record<string, string> {
  const labels = { ...labelsOf(service) };
  if (isHeadless(service)) labels[headlessLabel] = "";
  else delete labels[headlessLabel];
  return labels;
}
