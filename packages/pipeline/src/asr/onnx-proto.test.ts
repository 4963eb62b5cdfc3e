import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { ONNX_DTYPE, withGraphOutput, withOnlyGraphOutputs } from './onnx-proto.js';

const encoderFile = fileURLToPath(
  new URL('../../../../fixtures/models/whisper-seq2seq-test/encoder.onnx', import.meta.url),
);

describe('withOnlyGraphOutputs', () => {
  it('drops the outputs not kept, and nothing else', async () => {
    const original = readFileSync(encoderFile);
    // The stand-in encoder with an intermediate exposed, as exports expose attention weights.
    const exposed = withGraphOutput(original, 'sliced', ONNX_DTYPE.float, [1, 80, 1500]);
    const wide = await ort.InferenceSession.create(exposed);
    expect([...wide.outputNames].sort()).toEqual(['last_hidden_state', 'sliced']);

    const lean = withOnlyGraphOutputs(exposed, ['last_hidden_state']);
    expect(Buffer.compare(lean, original)).toBe(0);
    expect(withOnlyGraphOutputs(original, ['last_hidden_state'])).toBe(original); // nothing to drop: no copy
    const session = await ort.InferenceSession.create(lean);
    expect(session.outputNames).toEqual(['last_hidden_state']);
    const features = new ort.Tensor(
      'float32',
      Float32Array.from({ length: 80 * 3000 }, (_, i) => i % 7),
      [1, 80, 3000],
    );
    const [a, b] = await Promise.all([
      wide.run({ input_features: features }, ['last_hidden_state']),
      session.run({ input_features: features }),
    ]);
    expect(b.last_hidden_state!.dims).toEqual(a.last_hidden_state!.dims);
    expect(Array.from(b.last_hidden_state!.data as Float32Array)).toEqual(
      Array.from(a.last_hidden_state!.data as Float32Array),
    );
    await Promise.all([wide.release(), session.release()]);
  });
});
