import { badRequest } from "../../src/errors/status.js";

/**
 * Query parameters read as Kubernetes' parameter codec reads them into
 * options objects (PodLogOptions, PodExecOptions): the first value counts,
 * and an unreadable number is a 400 worded as Go's strconv words it.
 */

/** Absent, "0" and "false" (any case) are false; anything else, even "", is true. */
export function queryBool(query: URLSearchParams, name: string): boolean {
  const value = query.get(name);
  if (value === null) return false;
  return value !== "0" && value.toLowerCase() !== "false";
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * A signed 64-bit integer, or undefined when absent. Values beyond what a
 * double holds exactly are refused as out of range: no option needs them.
 */
export function queryInt64(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  const syntaxError = (why: string): Error => badRequest(`strconv.ParseInt: parsing ${JSON.stringify(value)}: ${why}`);
  if (!/^[+-]?\d+$/.test(value)) throw syntaxError("invalid syntax");
  const big = BigInt(value);
  if (big < INT64_MIN || big > INT64_MAX) throw syntaxError("value out of range");
  if (big < BigInt(Number.MIN_SAFE_INTEGER) || big > BigInt(Number.MAX_SAFE_INTEGER)) throw syntaxError("value out of range");
  return Number(big);
}

// Go's time.RFC3339 as time.Parse accepts it: fractional seconds allowed, an
// upper-case T and Z, an offset as ±hh:mm.
const rfc3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))$/;

/**
 * An RFC 3339 time as milliseconds since the epoch, or undefined when absent
 * or empty. The error starts as Go's does; Go goes on to name the element of
 * the layout that failed, this names the whole layout.
 */
export function queryTime(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name);
  if (value === null || value === "") return undefined;
  const match = rfc3339.exec(value);
  const ms = match && fieldsInRange(match) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw badRequest(`parsing time ${JSON.stringify(value)} as "2006-01-02T15:04:05Z07:00": cannot parse it as RFC 3339`);
  return ms;
}

function fieldsInRange(match: RegExpExecArray): boolean {
  const [, year, month, day, hour, minute, second, , , offsetHours, offsetMinutes] = match.map(Number) as number[];
  const daysInMonth = new Date(Date.UTC(year!, month!, 0)).getUTCDate();
  return (
    month! >= 1 && month! <= 12 && day! >= 1 && day! <= daysInMonth && hour! <= 23 && minute! <= 59 && second! <= 59 &&
    (Number.isNaN(offsetHours) || (offsetHours! <= 23 && offsetMinutes! <= 59))
  );
}
