/*
 * Secret data and ConfigMap binaryData travel as base64 (Go's []byte in
 * JSON): standard alphabet, padded, line breaks ignored.
 */

const alphabet = /[A-Za-z0-9+/]/;

/** Why a string is not base64, in Go's words (`illegal base64 data at input byte 4`), or undefined when it is. */
export function base64Problem(value: string): string | undefined {
  let length = 0;
  let padding = 0;
  for (let i = 0; i < value.length; i++) {
    const char = value[i] ?? "";
    if (char === "\r" || char === "\n") continue;
    if (char === "=") {
      padding++;
      if (padding > 2) return `illegal base64 data at input byte ${i}`;
    } else if (padding > 0 || !alphabet.test(char)) {
      return `illegal base64 data at input byte ${i}`;
    }
    length++;
  }
  if (length % 4 !== 0) return `illegal base64 data at input byte ${length - (length % 4)}`;
  return undefined;
}

/** The number of bytes a valid base64 string decodes to. */
export function base64DecodedLength(value: string): number {
  const text = value.replace(/[\r\n]/g, "");
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  return (text.length / 4) * 3 - padding;
}

/** UTF-8 text as base64, as a Secret's stringData is stored. */
export function encodeBase64(text: string): string {
  return Buffer.from(text, "utf8").toString("base64");
}
