// The VAD's gain on one file: the default transcribeFile path (Silero VAD, speech packed into
// ≤29 s windows) against bench:asr's naive baseline (`vad: false`: no VAD, consecutive 30 s
// windows, one at a time), in this process with one engine, as bench:asr runs them.
import { loadavg } from 'node:os';
import { loadLocalAsrEngine } from '@kirinuki/pipeline/asr/local-asr-engine';
import { prepareSpeechModels } from '@kirinuki/pipeline/asr/prepare-models';
import { transcribeFile } from '@kirinuki/pipeline/asr/transcribe-file';
import type { Transcript } from '@kirinuki/pipeline/asr/transcript';

export interface ModeRun {
  seconds: number;
  /** Until the first window went to Whisper: ffmpeg's decode, the PCM spool and (VAD) the scoring. */
  readSec: number;
  /** Every thread of this process (Whisper's worker, onnxruntime's pools); not ffmpeg's decode. */
  cpuSec: number;
  load: [number, number];
  /** Audio in the windows Whisper was given (the whole file without VAD). */
  windowSec: number;
  transcript: Transcript;
}

export interface ModeResult {
  label: string;
  vad: boolean;
  /** Every round, in the order run; the best (least wall time) is what the table shows. */
  runs: ModeRun[];
  best: ModeRun;
}

/**
 * Runs both modes `rounds` times, alternating (VAD, naive, VAD, …) so a neighbour's load on a
 * shared machine falls on both alike; `warmUp` is transcribed first, unmeasured.
 */
export async function vadAgainstNaive(
  file: string,
  { warmUp, rounds = 2, threads = 2 }: { warmUp: string; rounds?: number; threads?: number },
): Promise<[ModeResult, ModeResult]> {
  await prepareSpeechModels();
  const engine = await loadLocalAsrEngine({ threads });
  try {
    await transcribeFile(warmUp, { engine }); // onnxruntime's first-run allocations
    const modes: [ModeResult, ModeResult] = [
      { label: 'VAD (default path)', vad: true, runs: [], best: null as never },
      { label: 'naive (no VAD, 30 s windows)', vad: false, runs: [], best: null as never },
    ];
    for (let round = 0; round < rounds; round++)
      for (const mode of modes) {
        let windowSec = 0;
        let readSec = 0;
        const logger = {
          debug: (obj: object, msg?: string) => {
            if (msg === 'asr windows') windowSec = (obj as { speechSec: number }).speechSec;
          },
        };
        const [started, cpuBefore, loadBefore] = [performance.now(), process.cpuUsage(), loadavg()[0]!];
        const onProgress = ({ stage }: { stage: string }) => {
          if (stage === 'transcribing' && !readSec) readSec = (performance.now() - started) / 1000;
        };
        const transcript = await transcribeFile(file, { engine, vad: mode.vad, logger, onProgress });
        const seconds = (performance.now() - started) / 1000;
        const cpu = process.cpuUsage(cpuBefore);
        mode.runs.push({
          seconds,
          readSec,
          cpuSec: (cpu.user + cpu.system) / 1e6,
          load: [loadBefore, loadavg()[0]!],
          windowSec,
          transcript,
        });
      }
    for (const mode of modes) mode.best = mode.runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    return modes;
  } finally {
    await engine.release();
  }
}
