/**
 * Protocol Buffers wire format, written: what the apiserver needs to answer
 * in protobuf (the OpenAPI v2 document kubectl asks for). A message is
 * written into one growing buffer; a nested message is written on its own,
 * then copied in behind its length, which only then is known.
 */
export class MessageWriter {
  private buffer = Buffer.allocUnsafe(64);
  private size = 0;

  /** A string field; "" is proto3's default and is not written. */
  string(field: number, value: string | undefined): this {
    if (value === undefined || value === "") return this;
    return this.text(field, value);
  }

  /** Each string of a `repeated string` field, "" included: in a list every element counts. */
  strings(field: number, values: readonly string[] | undefined): this {
    for (const value of values ?? []) this.text(field, value);
    return this;
  }

  /** A bool field; false is proto3's default and is not written unless `always` (a member of a oneof, where presence is the point). */
  bool(field: number, value: boolean | undefined, always = false): this {
    if (value === undefined || (!value && !always)) return this;
    this.varint(field * 8);
    this.varint(value ? 1 : 0);
    return this;
  }

  /** A nested message, written even when empty: an empty message is present, unlike an absent one. */
  message(field: number, message: MessageWriter): this {
    this.varint(field * 8 + 2);
    this.varint(message.size);
    this.reserve(message.size);
    message.buffer.copy(this.buffer, this.size, 0, message.size);
    this.size += message.size;
    return this;
  }

  /** A copy of the message's bytes, sized to fit. */
  finish(): Buffer {
    return Buffer.from(this.buffer.subarray(0, this.size));
  }

  private text(field: number, value: string): this {
    const length = Buffer.byteLength(value, "utf8");
    this.varint(field * 8 + 2);
    this.varint(length);
    this.reserve(length);
    this.size += this.buffer.write(value, this.size, "utf8");
    return this;
  }

  /** A non-negative integer as a varint: seven bits a byte, low bits first. */
  private varint(value: number): void {
    this.reserve(10);
    let rest = value;
    while (rest >= 0x80) {
      this.buffer[this.size++] = (rest % 0x80) | 0x80;
      rest = Math.floor(rest / 0x80);
    }
    this.buffer[this.size++] = rest;
  }

  private reserve(bytes: number): void {
    if (this.size + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.size + bytes));
    this.buffer.copy(grown, 0, 0, this.size);
    this.buffer = grown;
  }
}
