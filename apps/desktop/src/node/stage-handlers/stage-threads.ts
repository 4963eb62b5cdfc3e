import { availableParallelism } from 'node:os';

/** Threads of the two stages that run side by side on a video: transcription ∥ vision. */
export interface StageThreads {
  /** Intra-op threads of the speech model. */
  transcribe: number;
  /** ffmpeg's decoder threads for vision's one decode. */
  vision: number;
}

/**
 * How transcription and vision share the cores while both run: the speech model gets half the
 * cores (one on a 2-core machine: a second model thread there only spins against the decoder,
 * measured 8 % slower to the end of analysis on a 10-minute 1080p talk), vision's decoder the rest.
 * One decoder thread is not a loss: ffmpeg's frame threads cost a third more CPU for the same
 * frames, and with only the I and P frames decoded one thread was faster even alone (6.9 s against
 * 7.7 s on the 173 s base of bench:long; beside transcription, analysis 8.7 s against 9.4 s).
 * `threadsSetting` (Settings → CPU threads, 0 for automatic) is the user's own choice for the model
 * and always wins.
 */
export function stageThreads(cores: number = availableParallelism(), threadsSetting = 0): StageThreads {
  const n = Number.isFinite(cores) && cores >= 1 ? Math.floor(cores) : 1;
  const transcribe = threadsSetting > 0 ? threadsSetting : Math.max(1, Math.floor(n / 2));
  return { transcribe, vision: Math.max(1, n - transcribe) };
}
