import path from 'node:path';
import { defaultModelsDir, probeProviders } from '@kirinuki/pipeline';
import { asrRuntime, queryNvidiaGpus } from '../../doctor/run-doctor.js';
import { readSettings } from '../../library/settings-repository.js';
import { listModelStatus } from '../../models/model-status.js';
import { publicProcedure, router } from '../trpc.js';

export const healthRouter = router({
  get: publicProcedure.query(({ ctx }) => ({
    status: 'ok' as const,
    version: ctx.services.version,
    node: process.versions.node,
    library: ctx.services.library.dir,
  })),
  /** The machine as the settings screen shows it: GPU, what transcription runs on, the models. */
  system: publicProcedure.query(async ({ ctx }) => {
    const modelsDir = defaultModelsDir();
    const [gpu, onnx, models, settings] = await Promise.all([
      queryNvidiaGpus(),
      probeProviders(path.join(modelsDir, 'ort-probe.onnx')),
      listModelStatus(modelsDir),
      readSettings(ctx.services.library.db),
    ]);
    return {
      gpu,
      providers: onnx.loaded,
      asr: asrRuntime(onnx.loaded, settings),
      models,
    };
  }),
});
