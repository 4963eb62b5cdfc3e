import type { ApiClient } from './api-types.js';
import type { Gateways, RenderedFile } from './gateways.js';

/**
 * The gateways over the AppRouter (IPC in Electron, HTTP/WebSocket in a browser). In the app the
 * host opens sign-in pages in the user's browser and shows system notifications; a browser page
 * does both itself.
 */
export function trpcGateways(
  api: ApiClient,
  options: { openSignInOnHost?: boolean; hostShowsSystemNotifications?: boolean } = {},
): Gateways {
  return {
    library: {
      list: async () => (await api.library.list.query()).videos,
      timeline: (id) => api.library.timeline.query({ id }),
      importInput: (input) => api.library.import.mutate({ input }),
      remove: async (id) => void (await api.library.remove.mutate({ id })),
    },
    clips: {
      list: async (videoId) => (await api.clips.list.query({ videoId })).clips,
      approved: async () => (await api.clips.list.query({ status: 'approved' })).clips,
      setStatus: async (ids, status, position) =>
        (await api.clips.setStatus.mutate({ ids, status, ...(position === undefined ? {} : { position }) }))
          .clips,
      reorder: async (videoId, status, orderedIds) =>
        (await api.clips.reorder.mutate({ videoId, status, orderedIds })).clips,
      update: async (id, edit) => (await api.clips.update.mutate({ id, ...edit })).clip,
      editorData: (id) => api.clips.editorData.query({ id }),
      waveform: (id) => api.clips.waveform.query({ id }),
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
          ...(job.error ? { message: job.error.message, code: job.error.code, hint: job.error.hint } : {}),
        })),
      cancel: async (id) => void (await api.jobs.cancel.mutate({ id })),
      retry: async (id) => void (await api.jobs.retry.mutate({ id })),
    },
    render: {
      async renderApproved(videoId, options) {
        const { job, clips } = await api.render.approved.mutate({ videoId, ...options });
        if (!job) throw new Error('The host queued no render job.');
        return { jobId: job.id, clips };
      },
      async renderClip(clipId, options) {
        const r = await api.render.clip.mutate({ clipId, ...options });
        return { clipId: r.clipId, output: r.output, cover: r.cover, srt: r.srt };
      },
      async renderedFiles(jobId) {
        const { job } = await api.jobs.get.query({ id: jobId });
        if (job.status !== 'done') return null;
        const output = job.output as { rendered?: RenderedFile[] } | null;
        return (output?.rendered ?? []).map(({ clipId, output: file, cover, srt }) => ({
          clipId,
          output: file,
          cover,
          srt,
        }));
      },
    },
    settings: {
      get: () => api.settings.get.query(),
      set: async (key, value) => void (await api.settings.set.mutate({ key, value })),
      setSecret: async (name, value) => void (await api.settings.setSecret.mutate({ name, value })),
      health: () => api.health.get.query(),
      system: () => api.health.system.query(),
      downloadModel: async (id, options) => void (await api.models.download.mutate({ id, ...options })),
    },
    accounts: {
      list: async () => (await api.accounts.list.query()).accounts,
      beginConnect: (platform, app) =>
        api.accounts.beginConnect.mutate({ platform, ...app, openOnHost: options.openSignInOnHost ?? false }),
      finishConnect: async (signInId, { redirectedUrl, signal }) =>
        (
          await api.accounts.finishConnect.mutate(
            { signInId, ...(redirectedUrl === undefined ? {} : { redirectedUrl }) },
            signal ? { signal } : undefined,
          )
        ).account,
      cancelConnect: async (signInId) => void (await api.accounts.cancelConnect.mutate({ signInId })),
      remove: async (id) => void (await api.accounts.remove.mutate({ id })),
    },
    posts: {
      list: async (filter) => (await api.posts.list.query(filter)).posts,
      limits: async (accountId) => (await api.posts.limits.query({ accountId })).limits,
      publish: async (request) => (await api.posts.publish.mutate(request)).posts,
      schedule: (request) => api.posts.schedule.mutate(request),
      reschedule: async (id, at) => (await api.posts.reschedule.mutate({ id, at })).post,
      retry: async (id) => (await api.posts.retry.mutate({ id })).post,
      cancel: async (id) => (await api.posts.cancel.mutate({ id })).post,
      jobIds: async ({ id, videoId }) =>
        (await api.jobs.list.query({ videoId })).jobs
          .filter((job) => job.subjectKind === 'post' && job.subjectId === id)
          .map((job) => job.id),
    },
    notifications: {
      hostShowsSystemNotifications: options.hostShowsSystemNotifications ?? false,
      list: (limit) => api.notifications.list.query(limit === undefined ? {} : { limit }),
      markRead: (ids) => api.notifications.markRead.mutate(ids === undefined ? {} : { ids }),
      claimShown: async (id) => (await api.notifications.claimShown.mutate({ id })).show,
      subscribe(onEvent, onError) {
        const subscription = api.notifications.feed.subscribe(undefined, { onData: onEvent, onError });
        return () => subscription.unsubscribe();
      },
    },
    desktop: {
      capabilities: () => api.desktop.capabilities.query(),
      chooseFolder: async (title) => (await api.desktop.chooseFolder.mutate({ title })).path,
      revealFile: async (path) => void (await api.desktop.revealFile.mutate({ path })),
    },
  };
}
