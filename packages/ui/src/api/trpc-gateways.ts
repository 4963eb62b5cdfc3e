import type { ApiClient } from './api-types.js';
import type { Gateways } from './gateways.js';

/** The gateways over the AppRouter (IPC in Electron, HTTP/WebSocket in a browser). */
export function trpcGateways(api: ApiClient): Gateways {
  return {
    library: {
      list: async () => (await api.library.list.query()).videos,
      importInput: (input) => api.library.import.mutate({ input }),
      remove: async (id) => void (await api.library.remove.mutate({ id })),
    },
    clips: {
      list: async (videoId) => (await api.clips.list.query({ videoId })).clips,
      setStatus: async (ids, status, position) =>
        (await api.clips.setStatus.mutate({ ids, status, ...(position === undefined ? {} : { position }) }))
          .clips,
      reorder: async (videoId, status, orderedIds) =>
        (await api.clips.reorder.mutate({ videoId, status, orderedIds })).clips,
      update: async (id, edit) => (await api.clips.update.mutate({ id, ...edit })).clip,
    },
    jobs: {
      subscribe(onEvent, onError) {
        const subscription = api.jobs.progress.subscribe(undefined, { onData: onEvent, onError });
        return () => subscription.unsubscribe();
      },
      list: async () =>
        (await api.jobs.list.query()).jobs.map((job) => ({
          jobId: job.id,
          videoId: job.videoId,
          stage: job.stage,
          status: job.status,
          fraction: job.progress,
          etaSec: null,
          ...(job.error ? { message: job.error.message } : {}),
        })),
      cancel: async (id) => void (await api.jobs.cancel.mutate({ id })),
      retry: async (id) => void (await api.jobs.retry.mutate({ id })),
    },
    settings: {
      get: () => api.settings.get.query(),
      set: async (key, value) => void (await api.settings.set.mutate({ key, value })),
      setSecret: async (name, value) => void (await api.settings.setSecret.mutate({ name, value })),
      health: () => api.health.get.query(),
    },
  };
}
