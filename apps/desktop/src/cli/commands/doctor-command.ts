import type { Command } from 'commander';
import { formatDoctorReport, runDoctor } from '../../node/doctor/run-doctor.js';
import { defineAction } from '../define-action.js';

export function registerDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description('Check ffmpeg, ONNX Runtime, GPU, models, the library folder and its databases')
    .action(
      defineAction(async (ctx) => {
        const report = await runDoctor(ctx.libraryDir);
        return { json: report, text: formatDoctorReport(report) };
      }),
    );
}
