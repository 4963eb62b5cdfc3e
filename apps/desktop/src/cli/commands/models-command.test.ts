import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serveBytes, startLocalServer } from '@kirinuki/pipeline/test-support/local-http-server';
import { runCli } from '../test-support/run-cli.js';

const root = mkdtempSync(path.join(tmpdir(), 'kirinuki-models-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('kirinuki models download | list | remove', () => {
  it('downloads a model from its URL, lists it ready, and removes it', async () => {
    const weights = randomBytes(300 * 1024);
    const server = await startLocalServer((req, res) =>
      serveBytes(req, res, weights, 'application/octet-stream'),
    );
    try {
      const modelsDir = path.join(root, 'models');
      const sha256 = createHash('sha256').update(weights).digest('hex');
      mkdirSync(modelsDir, { recursive: true });
      writeFileSync(
        path.join(modelsDir, 'manifest.json'),
        JSON.stringify({
          models: [
            {
              id: 'whisper-base-test',
              description: 'a multilingual model for the test',
              license: 'MIT',
              languages: ['ja'],
              files: [
                { path: 'whisper-base-test.onnx', sha256, size: weights.length, url: `${server.url}/w.onnx` },
              ],
            },
          ],
        }),
      );
      const env = { KIRINUKI_MODELS_DIR: modelsDir };
      const list = async () =>
        (await runCli(['models', 'list', '--json'], { env })).json<{
          models: Array<{ id: string; ready: boolean; downloadable: boolean }>;
        }>().models;
      expect(await list()).toEqual([
        expect.objectContaining({ id: 'whisper-base-test', ready: false, downloadable: true }),
      ]);

      // A loopback URL is refused like any private address unless allowed.
      const refused = await runCli(['models', 'download', 'whisper-base-test', '--json'], { env });
      expect(refused.code).toBe(2);
      expect(refused.json()).toMatchObject({ error: { code: 'URL_FORBIDDEN' } });

      const run = await runCli(
        ['models', 'download', 'whisper-base-test', '--allow-private-network', '--json'],
        {
          env,
        },
      );
      expect(run.code, run.stderr).toBe(0);
      expect(run.json()).toEqual({
        id: 'whisper-base-test',
        files: [{ path: 'whisper-base-test.onnx', bytes: weights.length, action: 'downloaded' }],
      });
      expect(await list()).toEqual([expect.objectContaining({ ready: true })]);

      const removed = await runCli(['models', 'remove', 'whisper-base-test', '--json'], { env });
      expect(removed.json()).toEqual({ id: 'whisper-base-test', removed: ['whisper-base-test.onnx'] });
      expect(existsSync(path.join(modelsDir, 'whisper-base-test.onnx'))).toBe(false);

      // The same files copied from elsewhere install without the network (a relative folder too).
      mkdirSync(path.join(root, 'usb/whisper'), { recursive: true });
      writeFileSync(path.join(root, 'usb/whisper/whisper-base-test.onnx'), weights);
      const copied = await runCli(['models', 'download', 'whisper-base-test', '--from', 'usb', '--json'], {
        env,
        cwd: root,
      });
      expect(copied.code, copied.stderr).toBe(0);
      expect(await list()).toEqual([expect.objectContaining({ ready: true })]);
      mkdirSync(path.join(root, 'usb-empty'));
      const empty = await runCli(
        [
          'models',
          'download',
          'whisper-base-test',
          '--from',
          path.join(root, 'usb-empty'),
          '--fresh',
          '--json',
        ],
        { env },
      );
      expect(empty.json()).toMatchObject({ error: { code: 'FILE_NOT_FOUND' } });
    } finally {
      await server.close();
    }
  }, 60_000);
});
