/**
 * Whisper's log-mel spectrogram (openai/whisper `audio.py`), in TypeScript: the multilingual
 * encoders take it as `input_features` [1, nMels, 3000]. 16 kHz audio padded with zeros to 30 s,
 * periodic Hann window of 400, hop 160, reflect padding of 200 each side (3001 frames, the last
 * dropped), power spectrum, Slaney mel filters (librosa's defaults, 0–8 kHz), log10 clamped at
 * 1e-10, floored at the maximum − 8, then (x + 4) / 4.
 */
export const N_FFT = 400;
export const HOP_LENGTH = 160;
export const N_FRAMES = 3000;
export const N_SAMPLES = N_FRAMES * HOP_LENGTH; // 30 s at 16 kHz
const N_BINS = N_FFT / 2 + 1;

/** Slaney-scale mel (librosa `htk=False`): linear below 1 kHz, logarithmic above. */
const hzToMel = (f: number) => (f < 1000 ? (3 * f) / 200 : 15 + (Math.log(f / 1000) * 27) / Math.log(6.4));
const melToHz = (m: number) => (m < 15 ? (200 * m) / 3 : 1000 * Math.exp(((m - 15) * Math.log(6.4)) / 27));

/** librosa.filters.mel(sr=16000, n_fft=400, n_mels) with Slaney norm: [nMels × 201], row-major. */
export function melFilterBank(nMels: number): Float32Array {
  const top = hzToMel(8000);
  const points = Array.from({ length: nMels + 2 }, (_, i) => melToHz((top * i) / (nMels + 1)));
  const filters = new Float32Array(nMels * N_BINS);
  for (let m = 0; m < nMels; m++) {
    const [lo, mid, hi] = [points[m]!, points[m + 1]!, points[m + 2]!];
    const norm = 2 / (hi - lo);
    for (let k = 0; k < N_BINS; k++) {
      const f = (k * 8000) / (N_BINS - 1);
      const w = Math.max(0, Math.min((f - lo) / (mid - lo), (hi - f) / (hi - mid)));
      filters[m * N_BINS + k] = w * norm;
    }
  }
  return filters;
}

/** A mel filter bank kept as its non-zero runs (each filter covers a few FFT bins). */
interface SparseFilters {
  nMels: number;
  start: Int32Array;
  weights: Float32Array[];
}

function sparse(filters: Float32Array, nMels: number): SparseFilters {
  const start = new Int32Array(nMels);
  const weights: Float32Array[] = [];
  for (let m = 0; m < nMels; m++) {
    const row = filters.subarray(m * N_BINS, (m + 1) * N_BINS);
    let a = row.findIndex((w) => w > 0);
    if (a < 0) a = 0;
    let b = N_BINS - 1;
    while (b > a && !(row[b]! > 0)) b--;
    start[m] = a;
    weights.push(row.slice(a, b + 1));
  }
  return { nMels, start, weights };
}

/**
 * A real FFT of 400 points as a complex FFT of 200 (even samples real, odd imaginary), mixed
 * radix 5·5·2·2·2, with every twiddle precomputed.
 */
export class RealFft400 {
  private readonly n = N_FFT / 2;
  private readonly factors = [5, 5, 2, 2, 2];
  private readonly twRe: Float64Array;
  private readonly twIm: Float64Array;
  private readonly postRe: Float64Array;
  private readonly postIm: Float64Array;
  private readonly zRe = new Float64Array(N_FFT / 2);
  private readonly zIm = new Float64Array(N_FFT / 2);
  private readonly outRe = new Float64Array(N_FFT / 2);
  private readonly outIm = new Float64Array(N_FFT / 2);
  private readonly scratchRe = new Float64Array(5);
  private readonly scratchIm = new Float64Array(5);

  constructor() {
    this.twRe = new Float64Array(this.n);
    this.twIm = new Float64Array(this.n);
    for (let e = 0; e < this.n; e++) {
      this.twRe[e] = Math.cos((-2 * Math.PI * e) / this.n);
      this.twIm[e] = Math.sin((-2 * Math.PI * e) / this.n);
    }
    this.postRe = new Float64Array(this.n + 1);
    this.postIm = new Float64Array(this.n + 1);
    for (let k = 0; k <= this.n; k++) {
      this.postRe[k] = Math.cos((-2 * Math.PI * k) / N_FFT);
      this.postIm[k] = Math.sin((-2 * Math.PI * k) / N_FFT);
    }
  }

  /** |X[k]|² for k = 0..200 of the 400 windowed samples in `frame`. */
  power(frame: Float64Array, out: Float64Array): void {
    const { n, zRe, zIm, outRe, outIm } = this;
    for (let i = 0; i < n; i++) {
      zRe[i] = frame[2 * i]!;
      zIm[i] = frame[2 * i + 1]!;
    }
    this.fft(0, 1, 0, n, 0);
    for (let k = 0; k <= n; k++) {
      const a = k % n;
      const b = (n - k) % n;
      // Even part E = (Z[k] + conj Z[n−k]) / 2, odd part O = (Z[k] − conj Z[n−k]) / 2i.
      const eRe = (outRe[a]! + outRe[b]!) / 2;
      const eIm = (outIm[a]! - outIm[b]!) / 2;
      const oRe = (outIm[a]! + outIm[b]!) / 2;
      const oIm = -(outRe[a]! - outRe[b]!) / 2;
      const wRe = this.postRe[k]!;
      const wIm = this.postIm[k]!;
      const re = eRe + wRe * oRe - wIm * oIm;
      const im = eIm + wRe * oIm + wIm * oRe;
      out[k] = re * re + im * im;
    }
  }

  /** Decimation in time: the size-`size` DFT of z[inOff + j·stride] into out[outOff…]. */
  private fft(inOff: number, stride: number, outOff: number, size: number, level: number): void {
    const { zRe, zIm, outRe, outIm, twRe, twIm } = this;
    if (size === 1) {
      outRe[outOff] = zRe[inOff]!;
      outIm[outOff] = zIm[inOff]!;
      return;
    }
    const p = this.factors[level]!;
    const m = size / p;
    for (let j = 0; j < p; j++) this.fft(inOff + j * stride, stride * p, outOff + j * m, m, level + 1);
    // Twiddles of a size-`size` DFT are the size-n ones at every (n / size)-th step.
    const step = this.n / size;
    const sRe = this.scratchRe;
    const sIm = this.scratchIm;
    for (let k = 0; k < m; k++) {
      for (let j = 0; j < p; j++) {
        const e = ((j * k) % size) * step;
        const xr = outRe[outOff + j * m + k]!;
        const xi = outIm[outOff + j * m + k]!;
        sRe[j] = xr * twRe[e]! - xi * twIm[e]!;
        sIm[j] = xr * twIm[e]! + xi * twRe[e]!;
      }
      for (let q = 0; q < p; q++) {
        let re = 0;
        let im = 0;
        for (let j = 0; j < p; j++) {
          const e = ((j * q * m) % size) * step;
          re += sRe[j]! * twRe[e]! - sIm[j]! * twIm[e]!;
          im += sRe[j]! * twIm[e]! + sIm[j]! * twRe[e]!;
        }
        outRe[outOff + k + q * m] = re;
        outIm[outOff + k + q * m] = im;
      }
    }
  }
}

const filterCache = new Map<number, SparseFilters>();
let window: Float64Array | null = null;

/**
 * The log-mel features of up to 30 s of 16 kHz mono audio: [nMels × 3000], mel-major (the
 * layout of `input_features` [1, nMels, 3000]). Frames that only see the zero padding are not
 * transformed: their power is 0, so they take the floor value.
 */
export function logMelSpectrogram(pcm: Float32Array, nMels: number): Float32Array {
  let filters = filterCache.get(nMels);
  if (!filters) filterCache.set(nMels, (filters = sparse(melFilterBank(nMels), nMels)));
  window ??= Float64Array.from({ length: N_FFT }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / N_FFT));
  const length = Math.min(pcm.length, N_SAMPLES);
  // Sample i of the zero-padded 30 s signal after reflect padding by N_FFT/2 on each side.
  const half = N_FFT / 2;
  const sampleAt = (j: number) => {
    let i = j - half;
    if (i < 0) i = -i;
    else if (i >= N_SAMPLES) i = 2 * (N_SAMPLES - 1) - i;
    return i < length ? pcm[i]! : 0;
  };
  const fft = new RealFft400();
  const frame = new Float64Array(N_FFT);
  const power = new Float64Array(N_BINS);
  const out = new Float32Array(nMels * N_FRAMES);
  const FLOOR = -10; // log10(1e-10): a frame of silence
  let max = -Infinity;
  let silentFrames = 0;
  for (let t = 0; t < N_FRAMES; t++) {
    const first = t * HOP_LENGTH - half; // first sample the frame sees, before reflection
    if (first >= length && first + N_FFT <= N_SAMPLES) {
      for (let m = 0; m < nMels; m++) out[m * N_FRAMES + t] = FLOOR;
      silentFrames += 1;
      continue;
    }
    for (let i = 0; i < N_FFT; i++) frame[i] = sampleAt(t * HOP_LENGTH + i) * window[i]!;
    fft.power(frame, power);
    for (let m = 0; m < nMels; m++) {
      const w = filters.weights[m]!;
      const a = filters.start[m]!;
      let sum = 0;
      for (let k = 0; k < w.length; k++) sum += w[k]! * power[a + k]!;
      const v = Math.log10(Math.max(sum, 1e-10));
      out[m * N_FRAMES + t] = v;
      if (v > max) max = v;
    }
  }
  if (silentFrames > 0 && FLOOR > max) max = FLOOR;
  const floor = max - 8;
  for (let i = 0; i < out.length; i++) out[i] = (Math.max(out[i]!, floor) + 4) / 4;
  return out;
}
