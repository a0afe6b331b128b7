import type { ScalarValue } from "./scalar.js";

/**
 * The JSON key a YAML scalar key becomes, as sigs.k8s.io/yaml converts it:
 * strings stay, `true`/`yes`/`on` become "true", integers their decimal text
 * (`0x10:` is "16"), floats Go's `%g` of the float32 value (`1.0:` is "1",
 * `1e6:` is "1e+06"). A null key has no JSON form.
 */
export function mapKeyText(key: ScalarValue): string | undefined {
  switch (key.kind) {
    case "string":
      return key.value;
    case "bool":
      return key.value ? "true" : "false";
    case "int":
      return key.value.toString();
    case "float":
      return formatGoFloat32(key.value);
    case "null":
      return undefined;
  }
}

/** Go's strconv.FormatFloat(x, 'g', -1, 32), with go-yaml's names for the specials. */
function formatGoFloat32(x: number): string {
  if (Number.isNaN(x)) return ".nan";
  if (x === Number.POSITIVE_INFINITY) return ".inf";
  if (x === Number.NEGATIVE_INFINITY) return "-.inf";
  const value = Math.fround(x);
  const sign = value < 0 || Object.is(value, -0) ? "-" : "";
  const magnitude = Math.abs(value);
  if (magnitude === 0) return `${sign}0`;
  // The fewest significant digits that read back as the same float32.
  let scientific = magnitude.toExponential();
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = magnitude.toExponential(digits - 1);
    if (Math.fround(Number(candidate)) === magnitude) {
      scientific = candidate;
      break;
    }
  }
  const [mantissa = "0", exponentText = "0"] = scientific.split("e");
  const exponent = Number(exponentText);
  const digits = mantissa.replace(".", "");
  // Go's %g with shortest digits uses the exponent form below 1e-4 and from 1e6 up.
  if (exponent < -4 || exponent >= 6) {
    const shownMantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const exponentSign = exponent < 0 ? "-" : "+";
    return `${sign}${shownMantissa}e${exponentSign}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, "0");
  const fraction = digits.slice(exponent + 1);
  return fraction ? `${sign}${whole}.${fraction}` : `${sign}${whole}`;
}
