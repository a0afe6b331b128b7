import { z } from "zod";
import { ageOf } from "../../format/human-duration.js";
import type { DescribeText } from "./describe-text.js";

/** The fields of a core/v1 Event that describe shows; the rest is ignored. */
export const describedEventSchema = z.looseObject({
  type: z.string().default(""),
  reason: z.string().default(""),
  message: z.string().default(""),
  count: z.number().default(0),
  firstTimestamp: z.string().nullish(),
  lastTimestamp: z.string().nullish(),
  eventTime: z.string().nullish(),
  series: z.looseObject({ count: z.number().default(0), lastObservedTime: z.string().nullish() }).nullish(),
  source: z.looseObject({ component: z.string().optional() }).nullish(),
  reportingController: z.string().nullish(),
});

export type DescribedEvent = z.output<typeof describedEventSchema>;

/** When an event last happened, which is what describe sorts by. */
function lastSeen(event: DescribedEvent): number {
  const at = event.series?.lastObservedTime ?? event.lastTimestamp ?? event.eventTime;
  return at ? Date.parse(at) || 0 : 0;
}

/** `5s`, or for a repeated event `5s (x3 over 2m)`. */
function interval(event: DescribedEvent, now: number): string {
  const first = event.eventTime ? ageOf(event.eventTime, now) : ageOf(event.firstTimestamp ?? undefined, now);
  if (event.series) return `${ageOf(event.series.lastObservedTime ?? undefined, now)} (x${event.series.count} over ${first})`;
  if (event.count > 1) return `${ageOf(event.lastTimestamp ?? undefined, now)} (x${event.count} over ${first})`;
  return first;
}

/**
 * The Events section: `Events:  <none>`, or a table of Type, Reason, Age,
 * From and Message, oldest first, aligned apart from the fields above it.
 */
export function describeEvents(text: DescribeText, events: readonly DescribedEvent[], now: number): void {
  if (events.length === 0) {
    text.line(0, "Events:\t<none>");
    return;
  }
  text.flush();
  text.line(0, "Events:");
  text.line(1, "Type\tReason\tAge\tFrom\tMessage");
  text.line(1, "----\t------\t----\t----\t-------");
  const ordered = [...events].sort((a, b) => lastSeen(a) - lastSeen(b));
  for (const event of ordered) {
    const from = event.source?.component || event.reportingController || "";
    text.line(1, `${event.type}\t${event.reason}\t${interval(event, now)}\t${from}\t${event.message.trim()}`);
  }
}
