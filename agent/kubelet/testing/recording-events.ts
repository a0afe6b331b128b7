import type { ObjectReference } from "../../../src/api/core/v1/object-reference.js";
import type { EventRecorder, EventType } from "../../../src/client/events/event-recorder.js";

export interface RecordedEvent {
  involved: ObjectReference;
  type: EventType;
  reason: string;
  message: string;
}

/** An EventRecorder for unit tests that keeps every event in order. */
export class RecordingEvents implements EventRecorder {
  readonly events: RecordedEvent[] = [];

  event(involved: ObjectReference, type: EventType, reason: string, message: string): void {
    this.events.push({ involved, type, reason, message });
  }

  /** `reason: message` of each event, the shape most assertions want. */
  lines(): string[] {
    return this.events.map((event) => `${event.reason}: ${event.message}`);
  }
}
