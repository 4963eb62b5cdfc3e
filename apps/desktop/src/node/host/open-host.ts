import { createRequire } from 'node:module';
import { defaultModelsDir, resolveFfmpegBinaries } from '@kirinuki/pipeline';
import { progressOfQueueEvent } from '@kirinuki/contracts';
import type { DesktopShell } from '../../common/desktop-shell.js';
import { createProgressHub } from '../api/progress-hub.js';
import { listAccounts } from '../social/accounts-repository.js';
import { createNotificationCenter, type NotificationCenter } from '../notifications/notification-center.js';
import { openLibrary } from '../library/library.js';
import { readSettings } from '../library/settings-repository.js';
import { openSocial } from '../social/open-social.js';
import type { Logger } from '../logging/create-logger.js';
import { createModelDownloads, type ModelDownloads } from '../models/model-downloads.js';
import { openPipelineQueue } from '../orchestrator/open-pipeline-queue.js';
import { librarySecretStore } from '../secrets/secret-store.js';
import { type SecretStore } from '../../common/secret-store.js';
import type { CrashPolicy } from '../service-process/crash-policy.js';
import type { ServiceLauncher } from '../service-process/service-port.js';
import { createStageHost, type StageServiceName } from '../stage-handlers/stage-host.js';
import { localStageResultStore } from '../stage-results/local-stage-result-store.js';
import { createAccountsUseCases, type AccountsUseCases } from '../use-cases/accounts-use-cases.js';
import { createClipsUseCases, type ClipsUseCases } from '../use-cases/clips-use-cases.js';
import { createPostsUseCases, type PostsUseCases } from '../use-cases/posts-use-cases.js';
import { createFindClips } from '../use-cases/find-clips.js';
import { createJobsUseCases, type JobsUseCases } from '../use-cases/jobs-use-cases.js';
import { createLibraryUseCases, type LibraryUseCases } from '../use-cases/library-use-cases.js';
import { createRenderUseCases, type RenderUseCases } from '../use-cases/render-use-cases.js';
import { createSettingsUseCases, type SettingsUseCases } from '../use-cases/settings-use-cases.js';
import { createSystemUseCases, type SystemUseCases } from '../use-cases/system-use-cases.js';
import { createTranscribe } from '../use-cases/transcribe-use-case.js';
import { createVisionUseCases, type VisionUseCases } from '../use-cases/vision-use-cases.js';
import type { HostParts } from './host-parts.js';
import { backgroundJobRunner, foregroundJobRunner, type JobRunner } from './job-runner.js';
import { startScheduler, type Scheduler, type SchedulerOptions } from '../scheduling/scheduler.js';

const { version } = createRequire(import.meta.url)('../../../package.json') as { version: string };

/** Every use case of the app, by domain: what the AppRouter and the CLI call, and nothing else. */
export interface Host {
  library: LibraryUseCases;
  clips: ClipsUseCases & { find: ReturnType<typeof createFindClips> };
  render: RenderUseCases;
  transcribe: ReturnType<typeof createTranscribe>;
  vision: VisionUseCases;
  jobs: JobsUseCases;
  settings: SettingsUseCases;
  models: ModelDownloads;
  system: SystemUseCases;
  accounts: AccountsUseCases;
  posts: PostsUseCases;
  /** The notification centre: what happened to posts and accounts, read state, system notifications shown once. */
  notifications: Pick<NotificationCenter, 'list' | 'markRead' | 'claimShown' | 'feed'>;
  /** The host machine's folder picker and file manager, where it has them. */
  desktop?: DesktopShell | undefined;
}

export interface HostOptions {
  libraryDir: string;
  logger: Logger;
  /**
   * `background`: a worker runs queued jobs as they come (the app, `serve`). `foreground`: the use
   * cases run the queue until idle themselves (a CLI command, which ends when its work is done).
   */
  run: 'background' | 'foreground';
  /**
   * Run the library's scheduler (background hosts: the app, `serve`, `kirinuki scheduler`): it
   * wakes the worker when scheduled posts and retries come due, one process per library at a time.
   */
  scheduler?: boolean | Pick<SchedulerOptions, 'leaseMs' | 'tickMs' | 'onEvent'>;
  /** How stage services start: child_process (CLI, serve) by default, utilityProcess in the app. */
  launcher?: ServiceLauncher;
  entries?: Partial<Record<StageServiceName, string>>;
  /** When a crashing stage service stops being restarted (default: 3 crashes in a minute). */
  crashPolicy?: Partial<CrashPolicy>;
  /** Where secrets are kept: the app passes a safeStorage store; the CLI an encrypted file. */
  secrets?: SecretStore;
  /** The host machine's dialogs: Electron's in the app, the OS file manager under `serve`. */
  desktop?: DesktopShell;
}

export interface OpenedHost extends Host {
  /** For the host's own adapters (serving media files, the app's protocol): not for use cases' callers. */
  parts: Pick<HostParts, 'library' | 'ffmpeg' | 'version' | 'logger'>;
  /** Look at the queue and the schedule now (the machine woke from sleep, the clock was set). */
  wake(): void;
  close(): Promise<void>;
}

/** The one composition root: opens the library and builds every part and use case of a host. */
export async function openHost(options: HostOptions): Promise<OpenedHost> {
  const library = await openLibrary(options.libraryDir);
  const bins = resolveFfmpegBinaries();
  const progress = createProgressHub();
  const secrets = options.secrets ?? librarySecretStore(options.libraryDir);
  const notifications = createNotificationCenter(library.db);
  const social = await openSocial({
    libraryDir: library.dir,
    secrets,
    settings: () => readSettings(library.db),
    appendEvents: (events) => notifications.appendEvents(events),
  });
  // A long-lived host tells of sign-ins about to run out that cannot renew themselves (hourly).
  const checkTokens = () =>
    listAccounts(social.db)
      .then((accounts) =>
        notifications.checkTokens(accounts, (id) => Boolean(social.vault.load(id)?.refreshToken), Date.now()),
      )
      .catch((error: unknown) => options.logger.warn({ err: error }, 'could not check account sign-ins'));
  let tokenTimer: NodeJS.Timeout | null = null;
  if (options.run === 'background') {
    void checkTokens();
    tokenTimer = setInterval(() => void checkTokens(), 3_600_000);
    tokenTimer.unref();
  }
  const stageHost = createStageHost({
    library,
    logger: options.logger,
    secrets,
    social,
    ...(options.launcher ? { launcher: options.launcher } : {}),
    ...(options.entries ? { entries: options.entries } : {}),
    ...(options.crashPolicy ? { crashPolicy: options.crashPolicy } : {}),
  });
  const netSlots = (await readSettings(library.db))['publishing.concurrency'];
  const pipeline = await openPipelineQueue({
    library,
    logger: options.logger,
    handlers: stageHost.handlers,
    ...(netSlots > 0 ? { resources: { net: Math.floor(netSlots) } } : {}),
  });
  pipeline.orchestrator.onEvent((event) => progress.publish(progressOfQueueEvent(event)));
  let scheduler: Scheduler | null = null;
  const worker =
    options.run === 'background'
      ? backgroundJobRunner(pipeline.orchestrator, options.logger, {
          shouldPoll: () => scheduler?.holding() ?? true,
        })
      : foregroundJobRunner(pipeline.orchestrator);
  if (options.run === 'background' && options.scheduler) {
    const tuning = options.scheduler === true ? {} : options.scheduler;
    const orchestrator = pipeline.orchestrator;
    scheduler = startScheduler({
      queue: orchestrator,
      fire: () => worker.kick(),
      // The services of what comes due next started a moment before (not by its first job).
      warm: (at) =>
        void orchestrator
          .stagesDueBy(at + 1_000)
          .then((stages) => stages.forEach((stage) => stageHost.warm(stage)))
          .catch(() => undefined),
      ...tuning,
      onEvent: (event) => {
        tuning.onEvent?.(event);
        if (event.type === 'error') options.logger.error({ err: event.error }, 'scheduler: a look failed');
        else options.logger.info({ event }, `scheduler: ${event.type}`);
      },
    });
  }
  // Whatever this process queues or moves, the scheduler sees at once (not at its next tick).
  const runner: JobRunner = {
    ...worker,
    kick: () => {
      worker.kick();
      scheduler?.poke();
    },
  };
  const parts: HostParts = {
    library,
    ffmpeg: bins.ffmpeg.path,
    ffprobe: bins.ffprobe.path,
    logger: options.logger,
    secrets,
    stageHost,
    pipeline,
    runner,
    progress,
    store: localStageResultStore(library.dir),
    models: createModelDownloads({ modelsDir: defaultModelsDir(), progress }),
    social,
    version,
  };
  const accounts = createAccountsUseCases(parts);
  return {
    library: createLibraryUseCases(parts),
    clips: { ...createClipsUseCases(parts), find: createFindClips(parts) },
    render: createRenderUseCases(parts),
    transcribe: createTranscribe(parts),
    vision: createVisionUseCases(parts),
    jobs: createJobsUseCases(parts),
    settings: createSettingsUseCases(parts),
    models: parts.models,
    system: createSystemUseCases(parts),
    accounts,
    posts: createPostsUseCases(parts),
    notifications: {
      list: notifications.list,
      markRead: notifications.markRead,
      claimShown: notifications.claimShown,
      feed: notifications.feed,
    },
    desktop: options.desktop,
    parts: { library, ffmpeg: parts.ffmpeg, version, logger: options.logger },
    wake: () => runner.kick(),
    close: async () => {
      if (tokenTimer) clearInterval(tokenTimer);
      await accounts.stopSignIns();
      await scheduler?.stop();
      await runner.stop();
      await stageHost.shutdown();
      await pipeline.close();
      await social.close();
      await library.close();
    },
  };
}
