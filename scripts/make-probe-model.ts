// Writes resources/models/ort-probe.onnx: a one-node ONNX model (y = Identity(x), float32[1]) that
// `doctor` uses to see which execution providers load. Encoded by hand (ONNX is protobuf) so no
// model tooling is needed; the output is byte-for-byte reproducible.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const varint = (value: number): number[] => {
  const bytes: number[] = [];
  let n = value;
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    bytes.push(byte);
  } while (n > 0);
  return bytes;
};
const field = (num: number, bytes: number[]) => [
  ...varint((num << 3) | 2),
  ...varint(bytes.length),
  ...bytes,
];
const int = (num: number, value: number) => [...varint(num << 3), ...varint(value)];
const text = (s: string) => [...Buffer.from(s, 'utf8')];

const FLOAT = 1;
const tensorType = field(1, [...int(1, FLOAT), ...field(2, field(1, int(1, 1)))]); // TypeProto.tensor_type, shape [1]
const valueInfo = (name: string) => [...field(1, text(name)), ...field(2, tensorType)];
const node = [...field(1, text('x')), ...field(2, text('y')), ...field(4, text('Identity'))];
const graph = [
  ...field(1, node),
  ...field(2, text('ort-probe')),
  ...field(11, valueInfo('x')),
  ...field(12, valueInfo('y')),
];
const model = [...int(1, 8), ...field(2, text('kirinuki')), ...field(7, graph), ...field(8, int(2, 13))];

const out = fileURLToPath(new URL('../resources/models/ort-probe.onnx', import.meta.url));
writeFileSync(out, Buffer.from(model));
console.log(`wrote ${out} (${model.length} bytes)`);
