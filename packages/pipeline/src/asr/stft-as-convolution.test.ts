import ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { encodeTensorValueInfo, ONNX, ONNX_DTYPE, readNode } from './onnx-proto.js';
import { encodeMessageField, encodeStringField, encodeVarintField, readWireFields } from './protobuf-wire.js';
import { dftBasis, stftAsConvolution } from './stft-as-convolution.js';

/** A Constant node holding a float32 or int64 tensor (dims [] is a scalar). */
function constantNode(output: string, dims: number[], values: Float32Array | BigInt64Array): Buffer {
  const tensor = encodeMessageField(5, [
    ...dims.map((d) => encodeVarintField(ONNX.tensor.dims, d)),
    encodeVarintField(
      ONNX.tensor.dataType,
      values instanceof Float32Array ? ONNX_DTYPE.float : ONNX_DTYPE.int64,
    ),
    encodeMessageField(ONNX.tensor.rawData, [new Uint8Array(values.buffer)]),
  ]);
  return encodeMessageField(ONNX.graph.node, [
    encodeStringField(ONNX.node.output, output),
    encodeStringField(ONNX.node.opType, 'Constant'),
    encodeMessageField(ONNX.node.attribute, [
      encodeStringField(ONNX.attribute.name, 'value'),
      tensor,
      encodeVarintField(ONNX.attribute.type, 4),
    ]),
  ]);
}

/** signal [1, n] → STFT(step, window, frame length) → spectrum; optionally rewritten as a convolution. */
function stftModel(window: Float32Array, step: number, onesided: number, rewrite: boolean): Uint8Array {
  const stft = encodeMessageField(ONNX.graph.node, [
    ...['signal', 'step', 'window', 'length'].map((i) => encodeStringField(ONNX.node.input, i)),
    encodeStringField(ONNX.node.output, 'spectrum'),
    encodeStringField(ONNX.node.name, 'stft'),
    encodeStringField(ONNX.node.opType, 'STFT'),
    encodeMessageField(ONNX.node.attribute, [
      encodeStringField(ONNX.attribute.name, 'onesided'),
      encodeVarintField(ONNX.attribute.i, onesided),
      encodeVarintField(ONNX.attribute.type, 2),
    ]),
  ]);
  const constants = [
    constantNode('step', [], BigInt64Array.of(BigInt(step))),
    constantNode('window', [window.length], window),
    constantNode('length', [], BigInt64Array.of(BigInt(window.length))),
  ];
  let body: Uint8Array[] = [...constants, stft];
  if (rewrite) {
    const graph = Buffer.concat(body);
    const nodes = readWireFields(graph).map((f) => readNode(graph, f));
    const conv = stftAsConvolution(graph, nodes, nodes.at(-1)!);
    expect(conv.unused.map((n) => n.outputs[0])).toEqual(['step', 'window', 'length']);
    body = [...conv.nodes, ...conv.initializers];
  }
  const graph = encodeMessageField(ONNX.model.graph, [
    ...body,
    encodeStringField(2, 'stft-test'),
    encodeTensorValueInfo(ONNX.graph.input, 'signal', ONNX_DTYPE.float, [1, 'n']),
    encodeTensorValueInfo(ONNX.graph.output, 'spectrum', ONNX_DTYPE.float, [1, 'frames', 'bins', 2]),
  ]);
  const opset = encodeMessageField(ONNX.model.opsetImport, [
    encodeStringField(1, ''),
    encodeVarintField(2, 17),
  ]);
  return Buffer.concat([encodeVarintField(1, 8), opset, graph]);
}

async function spectrum(model: Uint8Array, signal: Float32Array) {
  const session = await ort.InferenceSession.create(model, { executionProviders: ['cpu'] });
  const out = (await session.run({ signal: new ort.Tensor('float32', signal, [1, signal.length]) }))
    .spectrum!;
  await session.release();
  return { dims: out.dims, data: out.data as Float32Array };
}

describe('STFT as a convolution', () => {
  it.each([
    ['Hann, 16-sample frames, step 4', 16, 4],
    ['Hann, 400-sample frames, step 160 (Whisper)', 400, 160],
    ['Hann, odd 15-sample frames, step 5', 15, 5],
  ])("gives what onnxruntime's STFT gives: %s", async (_, length, step) => {
    const window = Float32Array.from({ length }, (_, n) => 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / length));
    const signal = Float32Array.from(
      { length: 40 * step + length },
      (_, i) => Math.sin(i * 0.37) + 0.3 * Math.cos(i * 1.91) + (i % 7) / 10,
    );
    const reference = await spectrum(stftModel(window, step, 1, false), signal);
    const rewritten = await spectrum(stftModel(window, step, 1, true), signal);
    expect(rewritten.dims).toEqual(reference.dims);
    const peak = Math.max(...reference.data.map(Math.abs));
    const worst = Math.max(...reference.data.map((v, i) => Math.abs(v - rewritten.data[i]!)));
    expect(worst / peak).toBeLessThan(1e-5);
  });

  it('refuses a two-sided STFT (only the one-sided one is rewritten)', () => {
    const graph = Buffer.from(stftModel(new Float32Array(8).fill(1), 2, 0, false));
    const graphField = readWireFields(graph).find((f) => f.field === ONNX.model.graph)!;
    const nodes = readWireFields(graph, graphField.payloadStart, graphField.end)
      .filter((f) => f.field === ONNX.graph.node)
      .map((f) => readNode(graph, f));
    expect(() => stftAsConvolution(graph, nodes, nodes.at(-1)!)).toThrow(/one-sided/);
  });

  it('weights the DFT basis by the window: real parts, then the negated imaginary parts', () => {
    const window = [1, 0.5, 0.25, 0.125];
    const basis = dftBasis(window, 3);
    // k = 1, N = 4: cos(πn/2) = 1, 0, −1, 0 and −sin(πn/2) = 0, −1, 0, 1
    expect(Array.from(basis.subarray(4, 8)).map((v) => +v.toFixed(6) + 0)).toEqual([1, 0, -0.25, 0]);
    expect(Array.from(basis.subarray(16, 20)).map((v) => +v.toFixed(6) + 0)).toEqual([0, -0.5, 0, 0.125]);
    // k = 0 is the window itself; its imaginary part is zero
    expect(Array.from(basis.subarray(0, 4))).toEqual(window);
    expect(Array.from(basis.subarray(12, 16)).every((v) => v === 0)).toBe(true);
  });
});
