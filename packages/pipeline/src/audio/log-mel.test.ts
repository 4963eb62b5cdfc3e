import { readFileSync } from 'node:fs';
import path from 'node:path';
import ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { ONNX_DTYPE, withGraphOutput } from '../asr/onnx-proto.js';
import { prepareSpeechModels } from '../asr/prepare-models.js';
import { readWhisperModel } from '../asr/whisper-window-decoder.js';
import { defaultModelsDir } from '../models/model-manifest.js';
import { decodePcm16k } from './decode-pcm.js';
import { logMelSpectrogram, melFilterBank, N_FRAMES, RealFft400 } from './log-mel.js';

const fixture = (name: string) =>
  path.join(path.dirname(new URL(import.meta.url).pathname), '../../../../fixtures/media', name);

describe('log-mel features', () => {
  it('has a 400-point power spectrum equal to the plain DFT', () => {
    const x = Float64Array.from(
      { length: 400 },
      (_, i) => Math.sin(i * 0.37) + 0.3 * Math.cos(i * 1.91) + (i % 7) / 10,
    );
    const fast = new Float64Array(201);
    new RealFft400().power(x, fast);
    for (let k = 0; k <= 200; k++) {
      let re = 0;
      let im = 0;
      for (let n = 0; n < 400; n++) {
        re += x[n]! * Math.cos((-2 * Math.PI * k * n) / 400);
        im += x[n]! * Math.sin((-2 * Math.PI * k * n) / 400);
      }
      expect(fast[k]).toBeCloseTo(re * re + im * im, 6);
    }
  });

  it('makes Slaney mel filters: 80 and 128 bands, triangles of area-normalised weight', () => {
    for (const nMels of [80, 128]) {
      const f = melFilterBank(nMels);
      expect(f).toHaveLength(nMels * 201);
      for (let m = 0; m < nMels; m++) {
        const row = f.subarray(m * 201, (m + 1) * 201);
        expect(Math.max(...row)).toBeGreaterThan(0);
      }
    }
    // the first band's peak weight, as in the filter constant inside the tiny.en graph
    expect(melFilterBank(80)[1]).toBeCloseTo(0.02483, 4);
  });

  it('matches the log-mel computed inside the Whisper tiny.en graph on real speech', async () => {
    const modelsDir = defaultModelsDir();
    await prepareSpeechModels({ modelsDir });
    const { modelPath } = await readWhisperModel(modelsDir);
    // Expose the graph's own log_mel as an output and run only as far as needed for it.
    const model = withGraphOutput(readFileSync(modelPath), 'log_mel', ONNX_DTYPE.float, [1, 80, N_FRAMES]);
    const session = await ort.InferenceSession.create(model, { executionProviders: ['cpu'] });
    const chunks: Float32Array[] = [];
    for await (const c of decodePcm16k(fixture('speech-en-16k.wav'))) chunks.push(c);
    const pcm = new Float32Array(chunks.reduce((n, c) => n + c.length, 0));
    chunks.reduce((at, c) => (pcm.set(c, at), at + c.length), 0);
    expect(pcm.length).toBeGreaterThan(16000);
    const i32 = (v: number) => new ort.Tensor('int32', Int32Array.from([v]), [1]);
    const out = await session.run(
      {
        audio_pcm: new ort.Tensor('float32', pcm, [1, pcm.length]),
        max_length: i32(4),
        min_length: i32(0),
        num_beams: i32(1),
        num_return_sequences: i32(1),
        length_penalty: new ort.Tensor('float32', Float32Array.from([1]), [1]),
        repetition_penalty: new ort.Tensor('float32', Float32Array.from([1]), [1]),
        vocab_mask: new ort.Tensor('int32', new Int32Array(51864).fill(1), [51864]),
        decoder_input_ids: new ort.Tensor('int32', Int32Array.from([50257]), [1, 1]),
      },
      ['log_mel'],
    );
    await session.release();
    const theirs = out.log_mel!.data as Float32Array;
    const ours = logMelSpectrogram(pcm, 80);
    // The graph reflects the audio's own end where Whisper pads with zeros first, and drops one
    // more frame: compare every frame but the last few of the audio.
    const audioFrames = Math.floor(pcm.length / 160) - 3;
    let [worst, total, count] = [0, 0, 0];
    for (let m = 0; m < 80; m++)
      for (let t = 0; t < N_FRAMES; t++) {
        if (t >= audioFrames && t < audioFrames + 6) continue;
        const d = Math.abs(ours[m * N_FRAMES + t]! - theirs[m * N_FRAMES + t]!);
        worst = Math.max(worst, d);
        total += d;
        count += 1;
      }
    // float32 in the graph against float64 here. The graph's STFT, computed as a convolution
    // (stft-as-convolution.ts), is within 6e-5 (mean 3e-7); onnxruntime's own STFT op was 60 times
    // further off (3.5e-3, mean 5e-5), in near-silent bins.
    expect(worst).toBeLessThan(5e-4);
    expect(total / count).toBeLessThan(5e-6);
  });
});
