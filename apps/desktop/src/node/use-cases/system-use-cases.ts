import path from 'node:path';
import { defaultModelsDir, probeProviders } from '@kirinuki/pipeline';
import { listEvents } from '../events/events-repository.js';
import { rebuildAllProjections } from '../events/rebuild-projections.js';
import { asrRuntime, queryNvidiaGpus } from '../doctor/run-doctor.js';
import type { HostParts } from '../host/host-parts.js';
import { readSettings } from '../library/settings-repository.js';
import { listModelStatus } from '../models/model-status.js';

/** The host as the settings screen and the admin commands see it: health, the machine, the log. */
export function createSystemUseCases(parts: HostParts) {
  const { library } = parts;
  return {
    health: () => ({
      status: 'ok' as const,
      version: parts.version,
      node: process.versions.node,
      library: library.dir,
    }),
    /** GPU, what transcription runs on, the models. */
    machine: async () => {
      const modelsDir = defaultModelsDir();
      const [gpu, onnx, models, settings] = await Promise.all([
        queryNvidiaGpus(),
        probeProviders(path.join(modelsDir, 'ort-probe.onnx')),
        listModelStatus(modelsDir),
        readSettings(library.db),
      ]);
      return { gpu, providers: onnx.loaded, asr: asrRuntime(onnx.loaded, settings), models };
    },
    /** The event log, oldest first (all, or one video's). */
    events: (filter: { aggregateId?: string | undefined } = {}) => listEvents(library.db, filter),
    /** Rebuilds the read models from the event log and checks the jobs against the queue. */
    rebuildProjections: () => rebuildAllProjections(library),
  };
}

export type SystemUseCases = ReturnType<typeof createSystemUseCases>;
