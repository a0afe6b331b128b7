/**
 * Kubernetes resource quantities ("500m", "1.5", "128Mi", "1G", "2e3"),
 * held exactly: a quantity is a whole number of nano-units in a bigint, as
 * Kubernetes rounds every parsed value up to 10^-9. Sums and comparisons are
 * therefore exact; nothing ever passes through a float.
 */

/** How a quantity prints: `1Gi` (BinarySI), `1G` (DecimalSI), `1e9` (DecimalExponent). */
export type QuantityFormat = "BinarySI" | "DecimalSI" | "DecimalExponent";

/** Why a string is not a quantity; `message` is Kubernetes' own wording where Kubernetes has one. */
export type QuantityErrorReason = "format" | "suffix" | "outOfRange";

/**
 * Longer or larger quantities are refused rather than computed: Kubernetes
 * accepts "1e999999999", which would be a bigint of a billion digits here.
 */
const MAX_TEXT_LENGTH = 1000;
const MAX_INTEGER_DIGITS = 1000;

const formatMessage = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/** A string that is not a quantity. */
export class QuantityError extends Error {
  constructor(
    /** The rejected text. */
    readonly input: string,
    readonly reason: QuantityErrorReason,
  ) {
    super(
      reason === "format"
        ? formatMessage
        : reason === "suffix"
          ? "unable to parse quantity's suffix"
          : `quantity out of range: at most ${MAX_TEXT_LENGTH} characters and ${MAX_INTEGER_DIGITS} integer digits are supported`,
    );
    this.name = "QuantityError";
  }
}

export type QuantityParseResult = { ok: true; value: Quantity } | { ok: false; error: QuantityError };

const NANOS_PER_UNIT = 1_000_000_000n;
const NANOS_PER_MILLI = 1_000_000n;
/** Kubernetes caps BinarySI quantities at the largest int64. */
const MAX_BINARY_NANOS = (2n ** 63n - 1n) * NANOS_PER_UNIT;

/** Decimal suffix → power of ten. */
const decimalSuffixes = new Map<string, number>([
  ["n", -9], ["u", -6], ["m", -3], ["", 0], ["k", 3], ["M", 6], ["G", 9], ["T", 12], ["P", 15], ["E", 18],
]);
/** Binary suffix → power of two. */
const binarySuffixes = new Map<string, bigint>([["Ki", 10n], ["Mi", 20n], ["Gi", 30n], ["Ti", 40n], ["Pi", 50n], ["Ei", 60n]]);
const decimalSuffixByExponent = new Map([...decimalSuffixes].map(([suffix, exponent]) => [exponent, suffix]));
const binarySuffixNames = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];

/** sign, integer digits, fraction digits, suffix: the shape Kubernetes' scanner accepts. */
const quantityShape = /^([+-]?)([0-9]*)(?:\.([0-9]*))?([eEinumkKMGTP]*[-+]?[0-9]*)$/;

const abs = (n: bigint): bigint => (n < 0n ? -n : n);

/** n / d rounded away from zero, as Kubernetes' Value() and MilliValue() round. */
function divideAwayFromZero(n: bigint, d: bigint): bigint {
  const quotient = n / d;
  if (quotient * d === n) return quotient;
  return n < 0n ? quotient - 1n : quotient + 1n;
}

/**
 * An exact resource amount with the format it prints in. Immutable: add,
 * sub and neg return new quantities.
 *
 * @example
 * const cpu = mustParseQuantity("1.5");
 * cpu.toString();                        // "1500m"
 * cpu.cmp(mustParseQuantity("1500m"));   // 0
 * cpu.milliValue();                      // 1500n
 */
export class Quantity {
  private constructor(
    /** The value in units of 10^-9. */
    private readonly nanos: bigint,
    readonly format: QuantityFormat,
  ) {}

  /** A quantity of `value` whole units (Kubernetes' NewQuantity); `value` must be an integer. */
  static fromValue(value: bigint | number, format: QuantityFormat): Quantity {
    return new Quantity(BigInt(value) * NANOS_PER_UNIT, format);
  }

  /** A quantity of `milli` thousandths (Kubernetes' NewMilliQuantity); `milli` must be an integer. */
  static fromMilli(milli: bigint | number, format: QuantityFormat): Quantity {
    return new Quantity(BigInt(milli) * NANOS_PER_MILLI, format);
  }

  /** A quantity of `nanos` billionths, the finest amount a quantity holds (Kubernetes' NewScaledQuantity(n, Nano)). */
  static fromNanos(nanos: bigint, format: QuantityFormat): Quantity {
    return new Quantity(nanos, format);
  }

  isZero(): boolean {
    return this.nanos === 0n;
  }

  /** -1, 0 or 1. */
  sign(): -1 | 0 | 1 {
    return this.nanos < 0n ? -1 : this.nanos > 0n ? 1 : 0;
  }

  /** -1 if this is less than `other`, 0 if equal, 1 if greater; exact, whatever the formats. */
  cmp(other: Quantity): -1 | 0 | 1 {
    return this.nanos < other.nanos ? -1 : this.nanos > other.nanos ? 1 : 0;
  }

  equals(other: Quantity): boolean {
    return this.nanos === other.nanos;
  }

  /** The sum, in this quantity's format (or `other`'s when this is zero, as Kubernetes does). */
  add(other: Quantity): Quantity {
    return new Quantity(this.nanos + other.nanos, this.isZero() ? other.format : this.format);
  }

  /** The difference, formatted as `add` is. */
  sub(other: Quantity): Quantity {
    return new Quantity(this.nanos - other.nanos, this.isZero() ? other.format : this.format);
  }

  neg(): Quantity {
    return new Quantity(-this.nanos, this.format);
  }

  /** Whole units, rounded away from zero (Kubernetes' Value()): "1500m" → 2n. */
  value(): bigint {
    return divideAwayFromZero(this.nanos, NANOS_PER_UNIT);
  }

  /** Thousandths, rounded away from zero (Kubernetes' MilliValue()): "1.5" → 1500n, "1n" → 1n. */
  milliValue(): bigint {
    return divideAwayFromZero(this.nanos, NANOS_PER_MILLI);
  }

  /**
   * The canonical text, as Kubernetes serializes it: the largest suffix
   * that loses nothing in the quantity's format ("1.5" → "1500m",
   * "1024Mi" → "1Gi", "2e3" → "2e3"); BinarySI values below 1024 or
   * with a fraction print as DecimalSI ("512", "1536", "500m").
   */
  toString(): string {
    if (this.nanos === 0n) return "0";
    const sign = this.nanos < 0n ? "-" : "";
    const magnitude = abs(this.nanos);
    const binary = this.format === "BinarySI" && magnitude >= 1024n * NANOS_PER_UNIT && magnitude % NANOS_PER_UNIT === 0n;
    return sign + (binary ? formatBinary(magnitude / NANOS_PER_UNIT) : formatDecimal(magnitude, this.format));
  }

  /** JSON.stringify writes a quantity as its canonical string, as on the wire. */
  toJSON(): string {
    return this.toString();
  }
}

function formatBinary(units: bigint): string {
  let mantissa = units;
  let power = 0;
  while (power < binarySuffixNames.length - 1 && mantissa % 1024n === 0n) {
    mantissa /= 1024n;
    power++;
  }
  return `${mantissa}${binarySuffixNames[power]}`;
}

function formatDecimal(nanos: bigint, format: QuantityFormat): string {
  let mantissa = nanos;
  let exponent = -9;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  // Lower the exponent to a multiple of three, as Kubernetes does.
  while (((exponent % 3) + 3) % 3 !== 0) {
    mantissa *= 10n;
    exponent--;
  }
  if (format === "DecimalExponent") return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
  // Past "E" there is no suffix: keep "E" and a longer mantissa ("1000E").
  while (exponent > 18) {
    mantissa *= 1000n;
    exponent -= 3;
  }
  return `${mantissa}${decimalSuffixByExponent.get(exponent) ?? ""}`;
}

/**
 * Parses a quantity in every form Kubernetes accepts: optional sign,
 * digits with an optional fraction ("1.5", ".5", "5."), and a suffix:
 * binary (Ki Mi Gi Ti Pi Ei), decimal (n u m k M G T P E) or an exponent
 * ("2e3", "1E-3", "1e+6"). Values round up to 10^-9 ("0.1n" → "1n"); BinarySI
 * values cap at 2^63-1 as in Kubernetes. Unlike Kubernetes, a number
 * without any digit ("", ".", "-", "Ki") is an error, not zero.
 */
export function parseQuantity(text: string): QuantityParseResult {
  const fail = (reason: QuantityErrorReason): QuantityParseResult => ({ ok: false, error: new QuantityError(text, reason) });
  if (text.length > MAX_TEXT_LENGTH) return fail("outOfRange");
  const match = quantityShape.exec(text);
  if (!match) return fail("format");
  const [, sign = "", integerPart = "", fractionPart = "", suffix = ""] = match;
  if (integerPart === "" && fractionPart === "") return fail("format");
  const digits = (integerPart + fractionPart).replace(/^0+/, "");
  const negative = sign === "-";

  const decimalExponent = decimalSuffixes.get(suffix);
  const binaryPower = binarySuffixes.get(suffix);
  let nanos: bigint;
  let format: QuantityFormat;
  if (decimalExponent !== undefined || /^[eE][-+]?[0-9]+$/.test(suffix)) {
    const exponent = decimalExponent ?? Number(suffix.slice(1));
    format = decimalExponent !== undefined ? "DecimalSI" : "DecimalExponent";
    const scaled = scaleDecimal(digits, exponent - fractionPart.length + 9);
    if (scaled === undefined) return fail("outOfRange");
    nanos = scaled;
  } else if (binaryPower !== undefined) {
    format = "BinarySI";
    const numerator = BigInt(digits || "0") * 2n ** binaryPower * NANOS_PER_UNIT;
    nanos = divideAwayFromZero(numerator, 10n ** BigInt(fractionPart.length));
    if (nanos > MAX_BINARY_NANOS) nanos = MAX_BINARY_NANOS;
    // A fraction of one unit is not worth binary notation (Kubernetes switches too).
    if (nanos > 0n && nanos < NANOS_PER_UNIT) format = "DecimalSI";
  } else {
    return fail("suffix");
  }
  return { ok: true, value: Quantity.fromNanos(negative ? -nanos : nanos, format) };
}

/**
 * `digits` × 10^shift, rounded up to a whole number (any dropped non-zero
 * digit adds one), or undefined when the result would be too large.
 * Works on the digit string so that a huge negative shift ("1e-999999999")
 * costs nothing.
 */
function scaleDecimal(digits: string, shift: number): bigint | undefined {
  if (digits === "") return 0n;
  if (shift >= 0) {
    if (digits.length + shift > MAX_INTEGER_DIGITS + 9) return undefined;
    return BigInt(digits) * 10n ** BigInt(shift);
  }
  const keep = digits.length + shift;
  if (keep <= 0) return 1n;
  const kept = BigInt(digits.slice(0, keep));
  return /[1-9]/.test(digits.slice(keep)) ? kept + 1n : kept;
}

/** Parses a quantity that is known to be valid (a constant in code); throws QuantityError otherwise. */
export function mustParseQuantity(text: string): Quantity {
  const result = parseQuantity(text);
  if (!result.ok) throw result.error;
  return result.value;
}

/**
 * Parses a quantity as it arrives in JSON or YAML: a string (surrounding
 * whitespace ignored, as Kubernetes' decoder does) or a plain number
 * (`cpu: 0.5`). Anything else is a format error.
 */
export function parseQuantityValue(value: unknown): QuantityParseResult {
  if (typeof value === "string") return parseQuantity(value.trim());
  if (typeof value === "number" && Number.isFinite(value)) return parseQuantity(String(value));
  return { ok: false, error: new QuantityError(String(value), "format") };
}
