// `node --import tsx scripts/bench-clips.ts` (or `pnpm bench clips`): (a) topic segmentation Pk and
// WindowDiff on talks joined from passages on different topics, (b) time from a 60-minute
// transcript to proposals, (c) the proposal checks over every talk and platform.
// Transcripts come from the text through a speaking-rate model (segment/synthetic-transcript.ts);
// the espeak-ng → ASR path replaces it once that fixture script exists.
import os from 'node:os';
import {
  clipDurationRange,
  PLATFORM_NAMES,
  PLATFORM_PRESETS,
} from '@kirinuki/pipeline/platforms/platform-presets';
import { benchTalks } from '@kirinuki/pipeline/segment/bench-talks';
import { BENCH_PASSAGES } from '@kirinuki/pipeline/segment/bench-passages';
import { checkProposals } from '@kirinuki/pipeline/segment/check-proposals';
import { proposeClips } from '@kirinuki/pipeline/segment/propose-clips';
import { pk, windowDiff } from '@kirinuki/pipeline/segment/segmentation-metrics';
import { buildSentences, flattenWords } from '@kirinuki/pipeline/segment/sentences';
import { synthesizeTranscript } from '@kirinuki/pipeline/segment/synthetic-transcript';
import { contentTerms } from '@kirinuki/pipeline/segment/text-terms';
import { segmentTopics } from '@kirinuki/pipeline/segment/topic-boundaries';

const talks = benchTalks(10);

// (a) Topic segmentation, on sentences; the reference is which passage each sentence came from.
console.log('(a) topic segmentation (units: sentences; k = half the mean passage length)');
let sumPk = 0;
let sumWd = 0;
let sumEvenPk = 0;
for (const talk of talks) {
  const transcript = synthesizeTranscript(talk.passages.map((p) => p.text));
  const words = flattenWords(transcript);
  const sentences = buildSentences(words, false);
  const passageEnds: number[] = [];
  let wordCount = 0;
  for (const passage of talk.passages) {
    wordCount += passage.text.split(/\s+/).filter(Boolean).length;
    passageEnds.push(words[wordCount - 1]!.end);
  }
  let passage = 0;
  const reference = sentences.map((s) => {
    while (s.end > passageEnds[passage]! + 1e-6) passage += 1;
    return passage;
  });
  const hypothesis = segmentTopics(sentences.map((s) => contentTerms(s.text, false))).topicOf;
  // Baseline: the same number of topics at even intervals, as a sanity floor.
  const even = sentences.map((_, i) => Math.floor((i * talk.passages.length) / sentences.length));
  const p = pk(reference, hypothesis);
  const w = windowDiff(reference, hypothesis);
  sumPk += p;
  sumWd += w;
  sumEvenPk += pk(reference, even);
  const found = new Set(hypothesis).size - 1;
  console.log(
    `  ${talk.name}: ${talk.passages.length} passages, ${sentences.length} sentences, ` +
      `${found} boundaries found (${talk.passages.length - 1} true)  Pk ${p.toFixed(3)}  WindowDiff ${w.toFixed(3)}`,
  );
}
const meanPk = sumPk / talks.length;
console.log(
  `  mean over ${talks.length} talks: Pk ${meanPk.toFixed(3)} (goal ≤ 0.15 ${meanPk <= 0.15 ? 'met' : 'NOT met'})` +
    `  WindowDiff ${(sumWd / talks.length).toFixed(3)}  even-split baseline Pk ${(sumEvenPk / talks.length).toFixed(3)}`,
);

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
