import type { Command } from 'commander';
import { registerDoctorCommand } from './doctor-command.js';

/** Every subcommand, registered in one place (one line each). */
export const COMMAND_REGISTRATIONS: Array<(program: Command) => void> = [registerDoctorCommand];
