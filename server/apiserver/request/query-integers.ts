/**
 * An integer query value as Go's strconv reads it: plain decimal digits
 * (with a leading "-" when `signed`), nothing else; undefined when it is not
 * one. Values a double cannot hold exactly are refused too: they would reach
 * the store as floats ("1e20") and no option needs them.
 */
export function parseQueryInteger(text: string, signed = false): number | undefined {
  if (!(signed ? /^-?\d+$/ : /^\d+$/).test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}
