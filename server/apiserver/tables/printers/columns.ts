import type { ColumnType, TableColumnDefinition } from "../table-types.js";

/** A column definition; `priority: 1` makes it a `-o wide` column. */
export function column(
  name: string,
  type: ColumnType,
  description: string,
  options: { priority?: number; format?: string } = {},
): TableColumnDefinition {
  return { name, type, format: options.format ?? "", description, priority: options.priority ?? 0 };
}

/** Wide-only column. */
export function wide(name: string, type: ColumnType, description: string): TableColumnDefinition {
  return column(name, type, description, { priority: 1 });
}

export const NAME_DESCRIPTION =
  "Name must be unique within a namespace. Cannot be updated. " +
  "More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";

export const CREATION_TIMESTAMP_DESCRIPTION =
  "CreationTimestamp is the server time when this object was created, in RFC 3339 form and UTC. " +
  "Populated by the system. Read-only.";

/** The NAME column every kind starts with. */
export const nameColumn = column("Name", "string", NAME_DESCRIPTION, { format: "name" });

/** The AGE column: time since creationTimestamp. */
export const ageColumn = column("Age", "string", CREATION_TIMESTAMP_DESCRIPTION);

/** The wide CONTAINERS IMAGES SELECTOR columns of the workload kinds. */
export function templateColumns(selectorDescription: string): TableColumnDefinition[] {
  return [
    wide("Containers", "string", "Names of each container in the template."),
    wide("Images", "string", "Images referenced by each container in the template."),
    wide("Selector", "string", selectorDescription),
  ];
}
