// `node --import tsx scripts/bench-clips.ts` (or `pnpm bench clips`): (a) topic segmentation Pk and
// WindowDiff on talks joined from passages on different topics, (b) time from a 60-minute
// transcript to proposals, (c) the proposal checks over every talk and platform.
// (a) runs twice: on transcripts made from the text by a speaking-rate model
// (segment/synthetic-transcript.ts), and on the talks spoken with espeak-ng and transcribed by the
// local Whisper (the real path; skipped with --no-speech or when espeak-ng is missing).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveFfmpegBinaries, runFfmpeg } from '@kirinuki/pipeline';
import { loadLocalAsrEngine } from '@kirinuki/pipeline/asr/local-asr-engine';
import { transcribeFile } from '@kirinuki/pipeline/asr/transcribe-file';
import type { InputTranscript } from '@kirinuki/pipeline/segment/clip-inputs';
import { withWhisperSpacing } from '@kirinuki/pipeline/segment/whisper-spacing';
import { clipDurationRange, PLATFORM_NAMES, PLATFORM_PRESETS } from '@kirinuki/contracts';
import { benchTalks } from '@kirinuki/pipeline/test-support/segment/bench-talks';
import { BENCH_PASSAGES } from '@kirinuki/pipeline/test-support/segment/bench-passages';
import { checkProposals } from '@kirinuki/pipeline/test-support/segment/check-proposals';
import { proposeClips } from '@kirinuki/pipeline/segment/propose-clips';
import { pk, windowDiff } from '@kirinuki/pipeline/test-support/segment/segmentation-metrics';
import { buildSentences, flattenWords } from '@kirinuki/pipeline/segment/sentences';
import { synthesizeTranscript } from '@kirinuki/pipeline/test-support/segment/synthetic-transcript';
import { contentTerms } from '@kirinuki/pipeline/segment/text-terms';
import { segmentTopics } from '@kirinuki/pipeline/segment/topic-boundaries';

const talks = benchTalks(10);

// (a) Topic segmentation, on sentences; the reference is which passage each sentence came from
// (by time: a sentence belongs to the passage its middle falls in).
interface SpokenTalk {
  transcript: InputTranscript;
  /** End time of each passage. */
  passageEnds: number[];
}

function scoreTalk(name: string, passages: number, { transcript, passageEnds }: SpokenTalk) {
  const words = flattenWords(transcript);
  const sentences = buildSentences(words, false);
  const reference = sentences.map((s) => {
    const middle = (s.start + s.end) / 2;
    const i = passageEnds.findIndex((end) => middle <= end + 1e-6);
    return i === -1 ? passageEnds.length - 1 : i;
  });
  const hypothesis = segmentTopics(sentences.map((s) => contentTerms(s.text, false))).topicOf;
  // Baseline: the same number of topics at even intervals, as a sanity floor.
  const even = sentences.map((_, i) => Math.floor((i * passages) / sentences.length));
  const p = pk(reference, hypothesis);
  const w = windowDiff(reference, hypothesis);
  const found = new Set(hypothesis).size - 1;
  console.log(
    `  ${name}: ${passages} passages, ${sentences.length} sentences, ` +
      `${found} boundaries found (${passages - 1} true)  Pk ${p.toFixed(3)}  WindowDiff ${w.toFixed(3)}`,
  );
  return { pk: p, wd: w, evenPk: pk(reference, even) };
}

function report(label: string, scores: Array<{ pk: number; wd: number; evenPk: number }>) {
  const mean = (f: (s: (typeof scores)[number]) => number) =>
    scores.reduce((n, s) => n + f(s), 0) / scores.length;
  const meanPk = mean((s) => s.pk);
  console.log(
    `  ${label}, mean over ${scores.length} talks: Pk ${meanPk.toFixed(3)} (goal ≤ 0.15 ${meanPk <= 0.15 ? 'met' : 'NOT met'})` +
      `  WindowDiff ${mean((s) => s.wd).toFixed(3)}  even-split baseline Pk ${mean((s) => s.evenPk).toFixed(3)}`,
  );
}

console.log('(a) topic segmentation (units: sentences; k = half the mean passage length)');
console.log(' text through the speaking-rate model:');
const synthetic = talks.map((talk) => {
  const transcript = synthesizeTranscript(talk.passages.map((p) => p.text));
  const words = flattenWords(transcript);
  const passageEnds: number[] = [];
  let wordCount = 0;
  for (const passage of talk.passages) {
    wordCount += passage.text.split(/\s+/).filter(Boolean).length;
    passageEnds.push(words[wordCount - 1]!.end);
  }
  return scoreTalk(talk.name, talk.passages.length, { transcript, passageEnds });
});
report('synthetic timing', synthetic);

const hasEspeak = (() => {
  try {
    execFileSync('espeak-ng', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (process.argv.includes('--no-speech') || !hasEspeak) {
  console.log(` spoken talks skipped (${hasEspeak ? '--no-speech' : 'espeak-ng is not installed'})`);
} else {
  console.log(' spoken with espeak-ng, transcribed by the local Whisper:');
  const work = mkdtempSync(path.join(os.tmpdir(), 'kirinuki-bench-talks-'));
  const { ffmpeg, ffprobe } = resolveFfmpegBinaries();
  const engine = await loadLocalAsrEngine({});
  try {
    const spoken = [];
    let audioSec = 0;
    let asrSec = 0;
    for (const talk of talks) {
      // Each passage spoken on its own, joined with a short pause; its end is known from its length.
      const parts: string[] = [];
      const passageEnds: number[] = [];
      let at = 0;
      for (const [i, passage] of talk.passages.entries()) {
        const wav = path.join(work, `${talk.name}-${i}.wav`);
        execFileSync('espeak-ng', ['-v', 'en-us', '-s', '165', '-w', wav, passage.text]);
        const seconds = Number(
          execFileSync(
            ffprobe.path,
            ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', wav],
            {
              encoding: 'utf8',
            },
          ).trim(),
        );
        at += seconds + 0.6;
        passageEnds.push(at - 0.3);
        parts.push(wav);
      }
      const joined = path.join(work, `${talk.name}.wav`);
      await runFfmpeg({
        bin: ffmpeg.path,
        args: [
          '-v',
          'error',
          '-y',
          ...parts.flatMap((p) => ['-i', p]),
          '-filter_complex',
          `${parts.map((_, i) => `[${i}:a]aresample=16000,apad=pad_len=9600[a${i}]`).join(';')};${parts.map((_, i) => `[a${i}]`).join('')}concat=n=${parts.length}:v=0:a=1[out]`,
          '-map',
          '[out]',
          '-ac',
          '1',
          joined,
        ],
      });
      const t0 = performance.now();
      // As the segment stage reads it (the local ASR's words get Whisper's leading spaces).
      const transcript = withWhisperSpacing(await transcribeFile(joined, { engine }));
      asrSec += (performance.now() - t0) / 1000;
      audioSec += at;
      spoken.push(scoreTalk(talk.name, talk.passages.length, { transcript, passageEnds }));
    }
    report('spoken + ASR', spoken);
    console.log(`  (${(audioSec / 60).toFixed(1)} min of speech, ASR ${asrSec.toFixed(0)} s)`);
  } finally {
    await engine.release();
    rmSync(work, { recursive: true, force: true });
  }
}

// (b) A 60-minute transcript: every passage in turn until an hour is filled.
const paragraphs: string[] = [];
for (let i = 0; paragraphs.length < 80; i += 1)
  paragraphs.push(BENCH_PASSAGES[i % BENCH_PASSAGES.length]!.text);
let hour = synthesizeTranscript(paragraphs);
while (hour.durationSec < 3600) hour = synthesizeTranscript([...paragraphs, ...paragraphs.slice(0, 10)]);
const cut = hour.segments.filter((s) => s.end <= 3600);
hour = { ...hour, segments: cut, durationSec: 3600 };
const wordTotal = cut.reduce((n, s) => n + s.words.length, 0);
const loudness = Array.from({ length: 3600 }, (_, t) => ({ t, lufs: -23 + 6 * Math.sin(t / 7) }));
console.log(`(b) 60-minute transcript: ${wordTotal} words, ${cut.length} segments; ${os.cpus().length} CPUs`);
for (const platform of ['tiktok', 'shorts'] as const) {
  const times: number[] = [];
  let count = 0;
  for (let run = 0; run < 3; run += 1) {
    const t0 = performance.now();
    count = proposeClips({ transcript: hour, loudness, platform, count: 10 }).length;
    times.push(performance.now() - t0);
  }
  const best = Math.min(...times);
  console.log(
    `  ${platform}: ${count} clips in ${(best / 1000).toFixed(2)} s (best of 3; runs ${times.map((t) => (t / 1000).toFixed(2)).join(', ')} s)` +
      ` goal ≤ 5 s ${best <= 5000 ? 'met' : 'NOT met'}`,
  );
}

// (c) Every proposal on every talk for every platform.
let clips = 0;
const problems: string[] = [];
for (const talk of talks) {
  const transcript = synthesizeTranscript(talk.passages.map((p) => p.text));
  for (const platform of PLATFORM_NAMES) {
    const proposals = proposeClips({ transcript, platform, count: 5 });
    clips += proposals.length;
    const range = clipDurationRange(PLATFORM_PRESETS[platform]);
    for (const problem of checkProposals(transcript, proposals, range))
      problems.push(`${talk.name}/${platform}: ${problem}`);
  }
}
const hourProposals = proposeClips({ transcript: hour, loudness, platform: 'tiktok', count: 10 });
clips += hourProposals.length;
problems.push(
  ...checkProposals(hour, hourProposals, clipDurationRange(PLATFORM_PRESETS.tiktok)).map((p) => `hour: ${p}`),
);
console.log(`(c) boundary checks: ${clips} proposals, ${problems.length} problems`);
for (const problem of problems.slice(0, 20)) console.log(`  ${problem}`);
process.exitCode = problems.length ? 1 : 0;
