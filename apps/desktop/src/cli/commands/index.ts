import type { Command } from 'commander';
import { registerAccountsCommand } from './accounts-command.js';
import { registerAdminCommand } from './admin-command.js';
import { registerPostsCommand } from './posts-command.js';
import { registerPublishCommand } from './publish-command.js';
import { registerScheduleCommand, registerSchedulerCommand } from './schedule-command.js';
import { registerClipCommand } from './clip-command.js';
import { registerClipsCommand } from './clips-command.js';
import { registerDoctorCommand } from './doctor-command.js';
import { registerEventsCommand } from './events-command.js';
import { registerImportCommand } from './import-command.js';
import { registerJobsCommand } from './jobs-command.js';
import { registerLibraryCommand } from './library-command.js';
import { registerProbeCommand } from './probe-command.js';
import { registerRenderCommand } from './render-command.js';
import { registerServeCommand } from './serve-command.js';
import { registerSettingsCommand } from './settings-command.js';
import { registerTranscribeCommand } from './transcribe-command.js';
import { registerModelsCommand } from './models-command.js';
import { registerShotsCommand } from './shots-command.js';
import { registerFacesCommand } from './faces-command.js';
import { registerTeamCommand } from './team-command.js';

/** Every subcommand, registered in one place (one line each). */
export const COMMAND_REGISTRATIONS: Array<(program: Command) => void> = [
  registerDoctorCommand,
  registerProbeCommand,
  registerImportCommand,
  registerLibraryCommand,
  registerEventsCommand,
  registerSettingsCommand,
  registerServeCommand,
  registerClipCommand,
  registerClipsCommand,
  registerRenderCommand,
  registerAdminCommand,
  registerJobsCommand,
  registerTranscribeCommand,
  registerModelsCommand,
  registerShotsCommand,
  registerFacesCommand,
  registerTeamCommand,
  registerAccountsCommand,
  registerPublishCommand,
  registerScheduleCommand,
  registerSchedulerCommand,
  registerPostsCommand,
];
