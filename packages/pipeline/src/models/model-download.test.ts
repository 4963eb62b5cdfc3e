import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { anyAddressPolicy } from '../download/safe-url.js';
import { isAbortError } from '@kirinuki/contracts';
import { serveBytes, startLocalServer, type LocalServer } from '../test-support/local-http-server.js';
import { downloadModel, removeModel, type ModelDownloadOptions } from './model-download.js';
import { verifyModelFiles, type ModelManifest } from './model-manifest.js';

const root = mkdtempSync(path.join(tmpdir(), 'kirinuki-model-dl-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const servers: LocalServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

const encoder = randomBytes(700 * 1024);
const vocab = Buffer.from(JSON.stringify({ hello: 1, world: 2 }));
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const files: Record<string, Buffer> = { '/enc.onnx': encoder, '/vocab.json': vocab };

async function setup(handler?: Parameters<typeof startLocalServer>[0], corrupt = false) {
  const server = await startLocalServer(
    handler ??
      ((req, res) => {
        const body = files[req.url ?? ''];
        if (!body) return void res.writeHead(404).end();
        serveBytes(
          req,
          res,
          corrupt && req.url === '/enc.onnx' ? Buffer.from(body).fill(1, 0, 10) : body,
          'application/octet-stream',
        );
      }),
  );
  servers.push(server);
  const modelsDir = mkdtempSync(path.join(root, 'models-'));
  const manifest: ModelManifest = {
    models: [
      {
        id: 'whisper-test',
        description: 'test',
        license: 'MIT',
        languages: ['ja', 'en'],
        files: [
          {
            path: 'whisper-test/enc.onnx',
            sha256: sha(encoder),
            size: encoder.length,
            url: `${server.url}/enc.onnx`,
          },
          {
            path: 'whisper-test/vocab.json',
            sha256: sha(vocab),
            size: vocab.length,
            url: `${server.url}/vocab.json`,
          },
        ],
      },
      {
        id: 'bundled',
        description: 'b',
        license: 'MIT',
        files: [{ path: 'b.onnx', sha256: sha(vocab), size: vocab.length }],
      },
    ],
  };
  writeFileSync(path.join(modelsDir, 'manifest.json'), JSON.stringify(manifest));
  const options: ModelDownloadOptions = { modelsDir, addressPolicy: anyAddressPolicy, freeBytes: () => 1e12 };
  const installed = () => existsSync(path.join(modelsDir, 'whisper-test'));
  const leftovers = () => readdirSync(modelsDir).filter((f) => f !== 'manifest.json' && f !== 'whisper-test');
  return { server, modelsDir, options, installed, leftovers };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: unknown) => e,
  );

describe('downloadModel', () => {
  it('downloads every file with progress, verifies them and installs them; a second run keeps them', async () => {
    const { modelsDir, options, server, leftovers } = await setup();
    const seen: number[] = [];
    const result = await downloadModel('whisper-test', {
      ...options,
      onProgress: (p) => seen.push(p.fraction ?? 0),
    });
    expect(result.files.map((f) => f.action)).toEqual(['downloaded', 'downloaded']);
    expect(readFileSync(path.join(modelsDir, 'whisper-test/enc.onnx')).equals(encoder)).toBe(true);
    expect(seen.at(-1)).toBe(1);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    const statuses = await verifyModelFiles(modelsDir);
    expect(statuses.filter((s) => s.model === 'whisper-test').every((s) => s.present && s.sha256Ok)).toBe(
      true,
    );
    expect(leftovers()).toEqual([]);

    const requests = server.requests.length;
    const again = await downloadModel('whisper-test', options);
    expect(again.files.map((f) => f.action)).toEqual(['kept', 'kept']);
    expect(server.requests.length).toBe(requests);
  });

  it('resumes a connection dropped mid-file', async () => {
    let dropped = false;
    const { options, installed, server } = await setup((req, res) => {
      const body = files[req.url ?? '']!;
      if (req.url === '/enc.onnx' && !dropped) {
        dropped = true;
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length });
        res.write(body.subarray(0, 300_000), () => setTimeout(() => res.socket?.destroy(), 20));
        return;
      }
      serveBytes(req, res, body, 'application/octet-stream');
    });
    await downloadModel('whisper-test', { ...options });
    expect(installed()).toBe(true);
    expect(server.requests.some((r) => /^bytes=\d+-$/.test(String(r.headers.range)))).toBe(true);
  });

  it('refuses a file whose checksum does not match, and installs nothing', async () => {
    const { options, installed, leftovers } = await setup(undefined, true);
    expect(await failure(downloadModel('whisper-test', options))).toMatchObject({
      code: 'MODEL_CHECKSUM_MISMATCH',
    });
    expect(installed()).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  it('refuses before downloading when the disk has no room', async () => {
    const { options, installed, server } = await setup();
    const error = await failure(downloadModel('whisper-test', { ...options, freeBytes: () => 1024 }));
    expect(error).toMatchObject({ code: 'DISK_FULL' });
    expect((error as Error).message).toMatch(/needs 0\.00 GB but only 0\.00 GB is free/);
    expect(server.requests).toHaveLength(0);
    expect(installed()).toBe(false);
  });

  it('stops on cancel and leaves nothing behind', async () => {
    const { options, installed, leftovers } = await setup((req, res) => {
      // Sends a little, then stalls: only a cancel ends it.
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': encoder.length });
      res.write(encoder.subarray(0, 1000));
    });
    const controller = new AbortController();
    const error = await failure(
      downloadModel('whisper-test', {
        ...options,
        signal: controller.signal,
        onProgress: () => controller.abort(),
      }),
    );
    expect(isAbortError(error)).toBe(true);
    expect(installed()).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  it('installs from a local folder, the files found by name below it, with no network', async () => {
    const { options, modelsDir, server, installed, leftovers } = await setup();
    const folder = mkdtempSync(path.join(root, 'copied-'));
    mkdirSync(path.join(folder, 'export/onnx'), { recursive: true });
    writeFileSync(path.join(folder, 'export/onnx/enc.onnx'), encoder);
    // a link to the file counts as the file (a folder of links into a package store)
    writeFileSync(path.join(folder, 'vocab-target.bin'), vocab);
    symlinkSync(path.join(folder, 'vocab-target.bin'), path.join(folder, 'export/vocab.json'));
    writeFileSync(path.join(folder, 'vocab.json'), '{"older": 1}'); // same name, other size: not taken
    const result = await downloadModel('whisper-test', { ...options, from: folder });
    expect(result.files.map((f) => f.action)).toEqual(['downloaded', 'downloaded']);
    expect(readFileSync(path.join(modelsDir, 'whisper-test/vocab.json')).equals(vocab)).toBe(true);
    expect(server.requests).toHaveLength(0);
    expect(installed()).toBe(true);
    expect(leftovers()).toEqual([]);
  });

  it.each([
    ['a file is missing', 'FILE_NOT_FOUND', /has no vocab\.json/],
    ['a file is another version', 'MODEL_CHECKSUM_MISMATCH', /in the folder is/],
    ['the folder does not exist', 'FILE_NOT_FOUND', /There is no folder/],
  ])('from a folder where %s: %s, nothing installed', async (what, code, message) => {
    const { options, installed, leftovers } = await setup();
    const folder = mkdtempSync(path.join(root, 'copied-'));
    writeFileSync(
      path.join(folder, 'enc.onnx'),
      what.includes('version') ? randomBytes(encoder.length) : encoder,
    );
    if (!what.includes('missing')) writeFileSync(path.join(folder, 'vocab.json'), vocab);
    const from = what.includes('exist') ? path.join(folder, 'nope') : folder;
    const error = await failure(downloadModel('whisper-test', { ...options, from }));
    expect(error).toMatchObject({ code });
    expect((error as Error).message).toMatch(message);
    expect(installed()).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  it.each([
    ['bundled', 'INVALID_ARGUMENT'],
    ['no-such-model', 'NOT_FOUND'],
  ])('refuses %s with %s', async (id, code) => {
    const { options } = await setup();
    expect(await failure(downloadModel(id, options))).toMatchObject({ code });
  });
});

describe('removeModel', () => {
  it('removes a downloaded model and refuses a bundled one', async () => {
    const { options, installed, modelsDir } = await setup();
    await downloadModel('whisper-test', options);
    expect(removeModel('whisper-test', { modelsDir }).removed).toEqual([
      'whisper-test/enc.onnx',
      'whisper-test/vocab.json',
    ]);
    expect(existsSync(path.join(modelsDir, 'whisper-test/enc.onnx'))).toBe(false);
    expect(installed()).toBe(false);
    expect(() => removeModel('bundled', { modelsDir })).toThrow(/bundled/);
  });
});
