import { estimateEtaMs } from '../node/orchestrator/progress-eta.js';

/**
 * A progress callback (fraction, stage) that prints a line with an ETA (the work's own, else from
 * the pace so far), and ends the line when a stage reaches 100 %.
 */
export function etaReporter(
  print: (line: string) => void,
  line: (stage: string, p: { fraction: number; etaSec: number | null }) => string,
): (fraction: number, stage: string, etaSec?: number | null) => void {
  const started = Date.now();
  return (fraction, stage, etaSec) => {
    const paced = estimateEtaMs(started, Date.now(), fraction);
    const eta = etaSec ?? (paced === null ? null : paced / 1000);
    print(line(stage, { fraction, etaSec: eta }) + (fraction >= 1 ? '\n' : ''));
  };
}
