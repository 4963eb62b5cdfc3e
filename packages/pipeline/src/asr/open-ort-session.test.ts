import { describe, expect, it } from 'vitest';
import type { ExecutionProvider } from '../onnx/execution-providers.js';
import { openWithBestProvider } from './open-ort-session.js';

describe('openWithBestProvider (injected loaders)', () => {
  it.each<[NodeJS.Platform, ExecutionProvider[], boolean, ExecutionProvider, ExecutionProvider[], RegExp]>([
    ['linux', ['cuda', 'cpu'], false, 'cuda', ['cuda'], /cuda loads/],
    ['linux', ['cpu'], false, 'cpu', ['cuda', 'cpu'], /tried cuda/],
    ['linux', ['cuda', 'cpu'], true, 'cpu', ['cpu'], /forced/],
    ['win32', ['dml', 'cpu'], false, 'dml', ['cuda', 'dml'], /dml loads/],
    ['win32', ['cpu'], false, 'cpu', ['cuda', 'dml', 'cpu'], /tried cuda, dml/],
    ['darwin', ['coreml', 'cpu'], false, 'coreml', ['coreml'], /coreml/],
  ])('%s, loads %j, forceCpu %s → %s', async (platform, loads, forceCpu, expected, attempts, reason) => {
    const tried: ExecutionProvider[] = [];
    const opened = await openWithBestProvider(
      async (p) => {
        tried.push(p);
        if (!loads.includes(p)) throw new Error(`${p} provider library missing`);
        return { p };
      },
      { platform, forceCpu, providerLibraries: { binDirs: ['/ort'], exists: () => true } },
    );
    expect(opened.provider).toBe(expected);
    expect(opened.session).toEqual({ p: expected });
    expect(tried).toEqual(attempts);
    expect(opened.reason).toMatch(reason);
  });

  it('fails with every provider named when none opens', async () => {
    await expect(
      openWithBestProvider(async () => Promise.reject(new Error('bad model')), { platform: 'linux' }),
    ).rejects.toThrow(/cuda.*cpu/);
  });

  it.each<[NodeJS.Platform, string]>([
    ['linux', '/ort/libonnxruntime_providers_cuda.so'],
    ['win32', '/ort/onnxruntime_providers_cuda.dll'],
  ])('does not try CUDA on %s when %s is not installed', async (platform, library) => {
    const looked: string[] = [];
    const tried: ExecutionProvider[] = [];
    const opened = await openWithBestProvider(
      async (p) => {
        tried.push(p);
        return { p };
      },
      {
        platform,
        providerLibraries: { binDirs: ['/ort'], exists: (file) => (looked.push(file), false) },
      },
    );
    expect(looked).toEqual([library]);
    expect(tried).not.toContain('cuda');
    expect(opened.failures.cuda).toMatch(/not installed/);
    expect(opened.provider).toBe(platform === 'win32' ? 'dml' : 'cpu');
  });
});
