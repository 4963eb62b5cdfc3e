import { describe, expect, it } from 'vitest';
import type { TRPCClient } from '@trpc/client';
import type { SecretStore } from '../secrets/secret-store.js';
import type { StageContext } from '../orchestrator/stage-handler.js';
import { createTranscribeStage } from './transcribe-stage.js';
import type { TranscribeServiceRouter } from './transcribe-service-router.js';

const memorySecrets = (values: Record<string, string>): SecretStore => ({
  get: (name) => values[name] ?? null,
  set: (name, value) => {
    if (value === null) delete values[name];
    else values[name] = value;
  },
  has: (name) => name in values,
});

describe('the transcribe stage', () => {
  it.each([
    ['the key the host keeps', { openaiApiKey: 'sk-from-safe-storage' }, 'sk-from-safe-storage'],
    ['no key', {}, null],
  ])('hands the service %s with the call (services keep no secrets)', async (_what, stored, expected) => {
    const inputs: unknown[] = [];
    const client = {
      transcribe: {
        subscribe: (input: unknown, options: { onData(event: unknown): void }) => {
          inputs.push(input);
          setTimeout(() => options.onData({ type: 'done', output: { videoId: 'V' } }), 1);
          return { unsubscribe: () => undefined };
        },
      },
    } as unknown as TRPCClient<TranscribeServiceRouter>;
    const stage = createTranscribeStage({
      libraryDir: '/lib',
      client,
      secrets: memorySecrets({ ...stored }),
    });
    const ctx = {
      stage: 'transcribe',
      videoId: 'V',
      jobId: 'J',
      attempt: 1,
      params: {},
      inputs: { ingest: { videoId: 'V' } },
      signal: new AbortController().signal,
      reportProgress: () => undefined,
    } as unknown as StageContext;
    expect(await stage.run(ctx)).toEqual({ videoId: 'V' });
    expect(inputs).toEqual([{ libraryDir: '/lib', videoId: 'V', fresh: false, openaiApiKey: expected }]);
  });
});
