import { availableParallelism } from 'node:os';

/** Threads of the two stages that run side by side on a video: transcription ∥ vision. */
export interface StageThreads {
  /** Intra-op threads of the speech model. */
  transcribe: number;
  /** ffmpeg's decoder threads for vision's one decode. */
  vision: number;
}

/**
 * How transcription and vision share the cores while both run. Vision's decode is the longer of the
 * two on any video, so it keeps at least two decoder threads; the speech model gets half the cores
 * (one on a 2-core machine: a second model thread there only spins against the decoder, measured
 * 8 % slower to the end of analysis on a 10-minute 1080p talk). `threadsSetting` (Settings → CPU
 * threads, 0 for automatic) is the user's own choice for the model and always wins.
 */
export function stageThreads(cores: number = availableParallelism(), threadsSetting = 0): StageThreads {
  const n = Number.isFinite(cores) && cores >= 1 ? Math.floor(cores) : 1;
  const transcribe = threadsSetting > 0 ? threadsSetting : Math.max(1, Math.floor(n / 2));
  return { transcribe, vision: Math.max(2, n - transcribe) };
}
