import { killAllFfmpeg } from '@kirinuki/pipeline';
import { describeFailure } from '@kirinuki/contracts';
import { CommanderError } from 'commander';
import { createProgram } from './program.js';
import { cliAbort, lastOutput } from './define-action.js';

function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve) => (text ? stream.write(text, () => resolve()) : resolve()));
}

async function main(argv: string[]): Promise<number> {
  const wantsJson = argv.includes('--json');
  let interrupts = 0;
  process.on('SIGINT', () => {
    interrupts += 1;
    cliAbort.abort();
    if (interrupts > 1) {
      killAllFfmpeg();
      process.exit(130);
    }
  });
  process.on('SIGTERM', () => cliAbort.abort());

  const program = createProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    // --help and --version arrive as CommanderErrors with exit code 0: they already printed.
    if (error instanceof CommanderError && error.exitCode === 0) return 0;
    const failure = describeFailure(error);
    if (wantsJson) await write(process.stdout, `${JSON.stringify({ error: failure.error })}\n`);
    else if (!(error instanceof CommanderError)) {
      await write(
        process.stderr,
        `\nError [${failure.error.code}]: ${failure.error.message}\n  → ${failure.error.hint}\n`,
      );
    }
    lastOutput?.ctx.logger.error({ err: error }, 'command failed');
    return failure.exitCode;
  }
  if (lastOutput) {
    const { ctx, output } = lastOutput;
    if (ctx.json && output.json !== undefined)
      await write(process.stdout, `${JSON.stringify(output.json, null, 2)}\n`);
    else if (output.text) await write(process.stdout, `${output.text}\n`);
    return output.exitCode ?? 0;
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  async (error: unknown) => {
    await write(process.stderr, `${String((error as Error)?.stack ?? error)}\n`);
    process.exit(1);
  },
);
