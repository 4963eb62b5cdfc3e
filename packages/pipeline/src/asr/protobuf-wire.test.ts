import protobuf from 'protobufjs/minimal.js';
import { describe, expect, it } from 'vitest';
import { encodeTensorValueInfo, ONNX, ONNX_DTYPE, valueInfoName } from './onnx-proto.js';
import {
  encodeMessageField,
  encodeStringField,
  encodeVarintField,
  packedInt64s,
  readWireFields,
  stringOf,
} from './protobuf-wire.js';

describe('protobuf wire format', () => {
  it.each<[string, Buffer, Array<[number, number]>]>([
    ['varint', encodeVarintField(3, 50256), [[3, 0]]],
    ['big varint', encodeVarintField(1, 2 ** 40 + 5), [[1, 0]]],
    ['string', encodeStringField(4, 'BeamSearch'), [[4, 2]]],
    [
      'several',
      Buffer.concat([encodeStringField(1, 'a'), encodeVarintField(2, 7), encodeStringField(1, '')]),
      [
        [1, 2],
        [2, 0],
        [1, 2],
      ],
    ],
    ['nothing', Buffer.alloc(0), []],
  ])('reads back %s', (_name, bytes, expected) => {
    const fields = readWireFields(bytes);
    expect(fields.map((f) => [f.field, f.wireType])).toEqual(expected);
    expect(fields.at(-1)?.end ?? 0).toBe(bytes.length);
  });

  it('reads values and copies fields byte for byte', () => {
    const bytes = Buffer.concat([encodeVarintField(2, 2 ** 40 + 5), encodeStringField(4, 'héllo')]);
    const [n, s] = readWireFields(bytes);
    expect(n!.varint).toBe(2 ** 40 + 5);
    expect(stringOf(bytes, s!)).toBe('héllo');
    expect(Buffer.concat([bytes.subarray(s!.start, s!.end), bytes.subarray(n!.start, n!.end)]).length).toBe(
      bytes.length,
    );
  });

  it('nests messages and refuses a truncated one', () => {
    const inner = encodeStringField(1, 'x'.repeat(300));
    const outer = encodeMessageField(7, [inner, encodeVarintField(2, 1)]);
    const [graph] = readWireFields(outer);
    expect(readWireFields(outer, graph!.payloadStart, graph!.end).map((f) => f.field)).toEqual([1, 2]);
    expect(() => readWireFields(outer.subarray(0, outer.length - 2))).toThrow();
  });

  it('writes ONNX tensor value infos that read back by name', () => {
    const info = encodeTensorValueInfo(ONNX.graph.input, 'vocab_mask', ONNX_DTYPE.int32, [51864]);
    const [field] = readWireFields(info);
    expect(field!.field).toBe(ONNX.graph.input);
    expect(valueInfoName(info, field!)).toBe('vocab_mask');
  });

  it('reads packed int64 values, negative ones and ones past 32 bits included', () => {
    const values = [-1, 160, 2 ** 40, -(2 ** 35)];
    const writer = protobuf.Writer.create();
    for (const v of values) writer.int64(v);
    expect(packedInt64s(writer.finish())).toEqual(values);
  });
});
