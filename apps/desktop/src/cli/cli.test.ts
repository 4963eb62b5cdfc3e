import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createProgram } from './program.js';
import { runCli, tempLibrary } from './test-support/run-cli.js';

const library = tempLibrary();
afterAll(() => rmSync(path.dirname(library), { recursive: true, force: true }));

describe('kirinuki CLI', () => {
  it('doctor --json prints every field and exits 0', async () => {
    const run = await runCli(['doctor', '--json', '--library', library]);
    expect(run.code).toBe(0);
    const report = run.json<Record<string, any>>(); // eslint-disable-line @typescript-eslint/no-explicit-any -- shape asserted below;
    expect(Object.keys(report).sort()).toEqual(
      ['asr', 'databases', 'ffmpeg', 'ffprobe', 'gpu', 'library', 'models', 'onnxruntime', 'secrets'].sort(),
    );
    expect(Object.keys(report.ffmpeg.capabilities).sort()).toEqual(
      ['h264_nvenc', 'h264_qsv', 'h264_videotoolbox', 'libass', 'libx264', 'loudnorm', 'scdet'].sort(),
    );
    expect(report.ffmpeg.path).toMatch(/ffmpeg/);
    expect(report.ffprobe.version).not.toBe('unknown');
    expect(report.onnxruntime.providers).toContain('cpu');
    expect(report.onnxruntime.version).toMatch(/^\d+\.\d+/);
    expect(report.models).toContainEqual(expect.objectContaining({ model: 'ort-probe', sha256Ok: true }));
    expect(report.library).toEqual({ path: library, writable: true });
    // Which provider local Whisper runs on here: no GPU provider loads on these machines.
    expect(report.asr).toEqual({
      backend: 'local',
      model: 'whisper-tiny.en-int8',
      language: 'en',
      provider: 'cpu',
      reason: expect.stringMatching(/^no GPU provider loads here|^CPU$/),
      threads: 0,
    });
    expect(report.databases).toEqual([
      expect.objectContaining({ name: 'library', integrity: 'ok', migrationsApplied: expect.any(Array) }),
      expect.objectContaining({ name: 'jobs', integrity: 'ok', migrationsApplied: expect.any(Array) }),
      expect.objectContaining({ name: 'social', integrity: 'ok', migrationsApplied: expect.any(Array) }),
    ]);
    // No OS keyring answers on a headless box: the encrypted file keeps the secrets, and doctor says why.
    expect(report.secrets).toMatchObject({
      kind: expect.stringMatching(/^(os-keyring|encrypted-file)$/),
      reason: expect.any(String),
    });
  });

  it('doctor says when the settings force the CPU', async () => {
    const forced = path.join(path.dirname(library), 'forced');
    expect((await runCli(['settings', 'set', 'forceCpu', 'true', '--library', forced])).code).toBe(0);
    const report = (await runCli(['doctor', '--json', '--library', forced])).json<{
      asr: { provider: string; reason: string };
    }>();
    expect(report.asr).toMatchObject({ provider: 'cpu', reason: 'CPU forced by the settings' });
  });

  it('takes the library from KIRINUKI_LIBRARY and relative --library from the working folder', async () => {
    const fromEnv = await runCli(['doctor', '--json'], { env: { KIRINUKI_LIBRARY: library } });
    expect(fromEnv.json<{ library: { path: string } }>().library.path).toBe(library);
    const cwd = path.dirname(library);
    const relative = await runCli(['doctor', '--json', '--library', 'lib2'], { cwd });
    expect(relative.json<{ library: { path: string } }>().library.path).toBe(path.join(cwd, 'lib2'));
  });

  it('says when the library folder cannot be written', async () => {
    const locked = path.join(path.dirname(library), 'locked');
    mkdirSync(locked);
    writeFileSync(path.join(locked, 'x'), '');
    chmodSync(locked, 0o500);
    const run = await runCli(['doctor', '--json', '--library', path.join(locked, 'lib')]);
    chmodSync(locked, 0o700);
    // root can write anywhere; the check only bites for ordinary users.
    const writable = process.getuid?.() === 0;
    expect(run.json<{ library: { writable: boolean } }>().library.writable).toBe(writable);
  });

  it.each([
    [['nope', '--json'], 2, 'USAGE'],
    [['doctor', '--bogus', '--json'], 2, 'USAGE'],
    [['--json', 'doctor', 'extra-arg'], 2, 'USAGE'],
  ])('usage error %j → exit %i, code %s as one JSON document', async (args, exitCode, code) => {
    const run = await runCli(args);
    expect(run.code).toBe(exitCode);
    expect(run.json()).toEqual({ error: { code, message: expect.any(String), hint: expect.any(String) } });
  });

  it('has --help on every command and subcommand', async () => {
    const paths: string[][] = [];
    for (const command of createProgram().commands) {
      paths.push([command.name()]);
      for (const sub of command.commands) paths.push([command.name(), sub.name()]);
    }
    for (const p of paths) {
      // In process (a spawn per command is slow on a busy machine): the same program, output captured.
      const program = createProgram();
      let out = '';
      program.configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (out += s) });
      for (const c of program.commands) {
        c.configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (out += s) });
        for (const sub of c.commands)
          sub.configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (out += s) });
      }
      const error = await program.parseAsync([...p, '--help'], { from: 'user' }).catch((e: unknown) => e);
      expect((error as { exitCode?: number }).exitCode, p.join(' ')).toBe(0);
      expect(out, p.join(' ')).toMatch(new RegExp(`Usage: kirinuki ${p.join(' ')}`));
      expect(out, p.join(' ')).toMatch(/--json/);
    }
    // And as a real process, exit code included.
    for (const args of [['--help'], ['import', '--help'], ['jobs', 'list', '--help']]) {
      const run = await runCli(args);
      expect(run.code, args.join(' ')).toBe(0);
      expect(run.stdout).toMatch(/Usage: kirinuki/);
    }
  });
});
