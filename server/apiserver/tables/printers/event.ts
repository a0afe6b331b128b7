import { age } from "../../../../src/format/human-duration.js";
import { intAt, recordAt, stringAt, timeAt } from "../json-reader.js";
import type { ResourcePrinter } from "../table-types.js";
import { NAME_DESCRIPTION, column, wide } from "./columns.js";

/** Events: LAST SEEN, TYPE, REASON, OBJECT (`kind/name`), MESSAGE; the rest with `-o wide`. */
export const eventPrinter: ResourcePrinter = {
  columns: [
    column("Last Seen", "string", "The time at which the most recent occurrence of this event was recorded."),
    column("Type", "string", "Type of this event (Normal, Warning)."),
    column("Reason", "string", "A short, machine-readable reason for the transition into the object's current status."),
    column("Object", "string", "The object that this event is about."),
    wide("Subobject", "string", "The field of the object the event is about, e.g. spec.containers{name}."),
    wide("Source", "string", "The component reporting this event."),
    column("Message", "string", "A human-readable description of the status of this operation."),
    wide("First Seen", "string", "The time at which the event was first recorded."),
    wide("Count", "string", "The number of times this event has occurred."),
    column("Name", "string", NAME_DESCRIPTION, { priority: 1, format: "name" }),
  ],
  cells(event, now) {
    const series = recordAt(event, "series");
    const firstSeen =
      timeAt(event, "firstTimestamp") !== undefined
        ? age(timeAt(event, "firstTimestamp"), now)
        : age(timeAt(event, "eventTime"), now);
    let lastSeen = timeAt(event, "lastTimestamp") !== undefined ? age(timeAt(event, "lastTimestamp"), now) : firstSeen;
    // Events of the events.k8s.io API count in a series; singletons carry no count at all.
    let count = intAt(event, "count");
    if (series !== undefined) {
      lastSeen = age(timeAt(series, "lastObservedTime"), now);
      count = intAt(series, "count");
    } else if (count === 0) {
      count = 1;
    }
    const kind = stringAt(event, "involvedObject", "kind").toLowerCase();
    const involvedName = stringAt(event, "involvedObject", "name");
    return [
      lastSeen,
      stringAt(event, "type"),
      stringAt(event, "reason"),
      involvedName === "" ? kind : `${kind}/${involvedName}`,
      stringAt(event, "involvedObject", "fieldPath"),
      eventSource(event),
      stringAt(event, "message").trim(),
      firstSeen,
      count,
      stringAt(event, "metadata", "name"),
    ];
  },
};

/** `component, host`, falling back to reportingController and reportingInstance; no host, no comma. */
function eventSource(event: unknown): string {
  const component = stringAt(event, "source", "component") || stringAt(event, "reportingController");
  const host = stringAt(event, "source", "host") || stringAt(event, "reportingInstance");
  return host === "" ? component : `${component}, ${host}`;
}
