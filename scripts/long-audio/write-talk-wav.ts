// Writes a planned talk as a 16-bit mono WAV, streamed through one small buffer: a 3-hour file
// never exists in this process's memory, only the utterance being copied and 64 K samples.
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { TalkPlan } from '@kirinuki/pipeline/test-support/asr/bench-long-talk';
import { seededRandom } from '@kirinuki/pipeline/test-support/segment/synthetic-transcript';
import type { PoolFile } from './speech-pool.js';

function wavHeader(samples: number, sampleRate: number): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + samples * 2, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28); // bytes per second
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(samples * 2, 40);
  return header;
}

/**
 * `plan` as a WAV at `out`, with low brown-ish background noise (`noiseDbfs` RMS) under speech and
 * pauses alike, as a room and a microphone give: the VAD must tell speech from noise, not from zeros.
 */
export function writeTalkWav(
  out: string,
  plan: TalkPlan,
  pool: readonly PoolFile[],
  { noiseDbfs = -50, seed = 5 }: { noiseDbfs?: number; seed?: number } = {},
): void {
  const random = seededRandom(seed);
  // A one-pole low-pass of uniform noise (variance 1/3) has RMS √(0.04/3 / (1 − 0.98²)) ≈ 0.58.
  const noiseScale = (32768 * 10 ** (noiseDbfs / 20)) / 0.58;
  let noise = 0;
  const fd = openSync(out, 'w');
  const block = new Int16Array(65536);
  let filled = 0;
  const flush = () => {
    writeSync(fd, new Uint8Array(block.buffer, 0, filled * 2));
    filled = 0;
  };
  // `speech` (when given) is copied from its start for `count` samples, noise added to it.
  const emit = (count: number, speech?: Int16Array) => {
    for (let i = 0; i < count; i++) {
      noise = 0.98 * noise + 0.2 * (random() * 2 - 1);
      const value = (speech ? speech[i]! : 0) + noise * noiseScale;
      block[filled++] = Math.max(-32768, Math.min(32767, Math.round(value)));
      if (filled === block.length) flush();
    }
  };
  try {
    writeSync(fd, wavHeader(plan.totalSamples, plan.sampleRate));
    let at = 0;
    for (const event of plan.events) {
      emit(event.start - at);
      const bytes = readFileSync(pool[event.utterance]!.file);
      emit(event.end - event.start, new Int16Array(bytes.buffer, bytes.byteOffset, bytes.length >> 1));
      at = event.end;
    }
    emit(plan.totalSamples - at);
    flush();
  } finally {
    closeSync(fd);
  }
}
