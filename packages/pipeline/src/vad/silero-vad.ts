import type ort from 'onnxruntime-node';
import { VAD_FRAME_SAMPLES } from './speech-regions.js';

type Ort = typeof ort;

/** Silero v5 at 16 kHz looks at the last 64 samples of the previous frame as context. */
const CONTEXT_SAMPLES = 64;

/**
 * Streaming Silero VAD v5: feed 16 kHz samples in any chunk sizes, get one speech probability per
 * 512-sample frame. Keeps only the model state and a partial frame between calls.
 */
export class SileroVad {
  private state: ort.Tensor;
  private readonly sr: ort.Tensor;
  private pending = new Float32Array(0);
  private context = new Float32Array(CONTEXT_SAMPLES);

  constructor(
    private readonly runtime: Ort,
    private readonly session: ort.InferenceSession,
  ) {
    this.state = new runtime.Tensor('float32', new Float32Array(2 * 128), [2, 1, 128]);
    this.sr = new runtime.Tensor('int64', BigInt64Array.from([16000n]), []);
  }

  /** Probabilities for every whole frame completed by `samples`; `flush` pads the last partial frame. */
  async push(samples: Float32Array, flush = false): Promise<number[]> {
    let buffer = this.pending.length ? concat(this.pending, samples) : samples;
    if (flush && buffer.length % VAD_FRAME_SAMPLES)
      buffer = concat(buffer, new Float32Array(VAD_FRAME_SAMPLES - (buffer.length % VAD_FRAME_SAMPLES)));
    const probs: number[] = [];
    let at = 0;
    for (; at + VAD_FRAME_SAMPLES <= buffer.length; at += VAD_FRAME_SAMPLES) {
      const input = new Float32Array(CONTEXT_SAMPLES + VAD_FRAME_SAMPLES);
      input.set(this.context, 0);
      input.set(buffer.subarray(at, at + VAD_FRAME_SAMPLES), CONTEXT_SAMPLES);
      this.context = input.slice(input.length - CONTEXT_SAMPLES);
      const out = await this.session.run({
        input: new this.runtime.Tensor('float32', input, [1, input.length]),
        state: this.state,
        sr: this.sr,
      });
      this.state = out.stateN!;
      probs.push((out.output!.data as Float32Array)[0] ?? 0);
    }
    this.pending = buffer.slice(at);
    return probs;
  }
}

function concat(a: Float32Array, b: Float32Array): Float32Array {
  const out = new Float32Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
