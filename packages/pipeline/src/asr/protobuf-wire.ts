import protobuf from 'protobufjs/minimal.js';

/**
 * One field of a protobuf message as it sits in the bytes: enough to copy it unchanged, drop it,
 * or read its value. Used to edit ONNX models surgically (every untouched byte stays as it was).
 */
export interface WireField {
  field: number;
  wireType: number;
  /** The whole field, tag included: `bytes.subarray(start, end)` copies it as it was. */
  start: number;
  end: number;
  /** For length-delimited fields (wire type 2): where the payload starts. */
  payloadStart: number;
  /** For varints (wire type 0): the value. */
  varint: number;
}

/** Lists the fields of the message in `bytes[start, end)`, in order. */
export function readWireFields(bytes: Uint8Array, start = 0, end = bytes.length): WireField[] {
  const reader = protobuf.Reader.create(bytes.subarray(0, end));
  reader.pos = start;
  const fields: WireField[] = [];
  while (reader.pos < end) {
    const fieldStart = reader.pos;
    const tag = reader.uint32();
    const field = tag >>> 3;
    const wireType = tag & 7;
    let payloadStart = reader.pos;
    let varint = 0;
    if (wireType === 0) {
      varint = longValue(reader.uint64(), false);
    } else if (wireType === 2) {
      const length = reader.uint32();
      payloadStart = reader.pos;
      reader.skip(length);
    } else reader.skipType(wireType);
    fields.push({ field, wireType, start: fieldStart, end: reader.pos, payloadStart, varint });
  }
  if (reader.pos !== end) throw new Error(`protobuf message overruns its bounds (${reader.pos} > ${end})`);
  return fields;
}

/** The signed values of a packed repeated int64 field's payload. */
export function packedInt64s(payload: Uint8Array): number[] {
  const reader = protobuf.Reader.create(payload);
  const values: number[] = [];
  while (reader.pos < reader.len) values.push(longValue(reader.int64(), true));
  return values;
}

/** A 64-bit value as protobufjs reads it (a number, or low/high halves without long.js). */
function longValue(read: unknown, signed: boolean): number {
  const long = read as number | { low: number; high: number };
  if (typeof long === 'number') return long;
  return (signed ? long.high | 0 : long.high >>> 0) * 2 ** 32 + (long.low >>> 0);
}

export const payloadOf = (bytes: Uint8Array, f: WireField): Uint8Array =>
  bytes.subarray(f.payloadStart, f.end);
export const stringOf = (bytes: Uint8Array, f: WireField): string =>
  Buffer.from(payloadOf(bytes, f)).toString('utf8');

/** The string values of every occurrence of a repeated/optional string field. */
export function stringsOf(bytes: Uint8Array, fields: readonly WireField[], field: number): string[] {
  return fields.filter((f) => f.field === field).map((f) => stringOf(bytes, f));
}

/** The tag and length that open a length-delimited field of `length` bytes. */
export const messageFieldHeader = (field: number, length: number): Uint8Array =>
  protobuf.Writer.create()
    .uint32((field << 3) | 2)
    .uint32(length)
    .finish();

/** A length-delimited field made of the given parts (already-encoded fields or raw bytes). */
export function encodeMessageField(field: number, parts: readonly Uint8Array[]): Buffer {
  const length = parts.reduce((sum, p) => sum + p.length, 0);
  return Buffer.concat([messageFieldHeader(field, length), ...parts]);
}

export const encodeStringField = (field: number, value: string): Buffer =>
  encodeMessageField(field, [Buffer.from(value, 'utf8')]);

export const encodeVarintField = (field: number, value: number): Buffer =>
  Buffer.from(
    protobuf.Writer.create()
      .uint32(field << 3)
      .int64(value)
      .finish(),
  );
