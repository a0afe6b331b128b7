import { fieldErrorMessage, type FieldError } from "../api/validation/field-error.js";
import { formatLocation } from "./load-error.js";
import type { LoadedManifest } from "./load-manifests.js";

/**
 * One line per field error, pointing at where the field was written (or, for
 * a missing field, at the object that lacks it), in the same format as load
 * errors. Fields of a List's item are shown by their path in the document:
 *
 * @example
 * formatLocatedErrors(manifest, errors);
 * // ["app.yaml:23:11: spec.template.spec.containers[0].image: Required value",
 * //  "all.yaml:9:7: document 2: items[1].metadata.name: Required value"]
 */
export function formatLocatedErrors(manifest: LoadedManifest, errors: readonly FieldError[]): string[] {
  const itemPath = manifest.itemIndex === undefined ? "" : `items[${manifest.itemIndex}]`;
  return errors.map((error) => {
    const location = formatLocation({
      source: manifest.source,
      documentIndex: manifest.documentIndex,
      documentCount: manifest.documentCount,
      position: manifest.locate(error.field),
    });
    const field = itemPath && error.field ? `${itemPath}.${error.field}` : itemPath || error.field;
    const message = fieldErrorMessage(error);
    return field ? `${location}: ${field}: ${message}` : `${location}: ${message}`;
  });
}
