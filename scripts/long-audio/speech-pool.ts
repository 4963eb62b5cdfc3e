// The utterances a long talk is made of: each sentence of the benchmark passages spoken by
// espeak-ng a few times over in different voices, speeds and pitches, trimmed to its audible part
// and kept on disk as 16 kHz mono s16le, so a 3-hour file is written from a few MB of pool.
import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { resolveFfmpegBinaries, runFfmpeg } from '@kirinuki/pipeline';
import { audibleSpan, type PoolUtterance } from '@kirinuki/pipeline/test-support/asr/bench-long-talk';
import { PCM_SAMPLE_RATE } from '@kirinuki/pipeline/audio/decode-pcm';
import { BENCH_PASSAGES } from '@kirinuki/pipeline/test-support/segment/bench-passages';
import { seededRandom } from '@kirinuki/pipeline/test-support/segment/synthetic-transcript';

const run = promisify(execFile);

/**
 * espeak-ng's own voices (no mbrola needed), with its variants for female and other male timbres.
 * Not en-gb-scotland or en-029: tiny.en misreads them at twice the others' WER (~40 %), which
 * would drown what this benchmark compares.
 */
const VOICES = [
  'en-us',
  'en-us+f3',
  'en-us+f2',
  'en-us+m7',
  'en-us-nyc+m1',
  'en-gb+m3',
  'en-gb+f4',
  'en-gb-x-rp+f2',
];
/** Words per minute: 130–165 (above ~170 espeak slurs and tiny.en's WER climbs by a third). */
export const SPEEDS = { min: 130, max: 165 };

/** About -44 dBFS: espeak's own lead-in and tail are digital silence or close to it. */
const AUDIBLE_THRESHOLD = 200;

export interface PoolFile extends PoolUtterance {
  file: string;
  voice: string;
}

export function benchSentences(): string[] {
  return BENCH_PASSAGES.flatMap((p) => p.text.split(/(?<=[.!?])\s+/)).filter(Boolean);
}

/**
 * Speaks every sentence `variants` times into `dir` (two at a time: espeak and ffmpeg are each
 * single-threaded), each with a gain of 0.5–1 so levels vary as between speakers.
 */
export async function makeSpeechPool(
  dir: string,
  { variants = 3, seed = 11 }: { variants?: number; seed?: number } = {},
): Promise<PoolFile[]> {
  const random = seededRandom(seed);
  const { ffmpeg } = resolveFfmpegBinaries();
  const jobs = benchSentences().flatMap((text) =>
    Array.from({ length: variants }, () => ({
      text,
      voice: VOICES[Math.floor(random() * VOICES.length)]!,
      wordsPerMinute: SPEEDS.min + Math.floor(random() * (SPEEDS.max - SPEEDS.min + 1)),
      pitch: 35 + Math.floor(random() * 30),
      gain: 0.5 + 0.5 * random(),
    })),
  );
  const pool: PoolFile[] = new Array(jobs.length);
  const speak = async (i: number) => {
    const job = jobs[i]!;
    const base = path.join(dir, `u${String(i).padStart(4, '0')}`);
    const args = ['-v', job.voice, '-s', String(job.wordsPerMinute), '-p', String(job.pitch)];
    await run('espeak-ng', [...args, '-w', `${base}.wav`, job.text]);
    // Raw s16le: the pool file is the samples and nothing else.
    await runFfmpeg({
      bin: ffmpeg.path,
      args: [
        '-v',
        'error',
        '-y',
        '-i',
        `${base}.wav`,
        '-ar',
        PCM_SAMPLE_RATE,
        '-ac',
        '1',
        '-f',
        's16le',
        '-acodec',
        'pcm_s16le',
        `${base}.raw`,
      ],
    });
    rmSync(`${base}.wav`);
    const bytes = readFileSync(`${base}.raw`);
    const all = new Int16Array(bytes.buffer, bytes.byteOffset, bytes.length >> 1);
    const span = audibleSpan(all, AUDIBLE_THRESHOLD, Math.round(0.05 * PCM_SAMPLE_RATE));
    const kept = Int16Array.from(all.subarray(span.first, span.end), (x) => Math.round(x * job.gain));
    writeFileSync(`${base}.raw`, kept);
    pool[i] = { text: job.text, samples: kept.length, file: `${base}.raw`, voice: job.voice };
  };
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) await speak(next++);
  };
  await Promise.all([worker(), worker()]);
  return pool;
}
