import { existsSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { missingProviderLibrary, ortBinDirs, providerLibraryName } from './provider-libraries.js';

describe('provider libraries', () => {
  it.each([
    ['cuda', 'linux', 'libonnxruntime_providers_cuda.so'],
    ['cuda', 'win32', 'onnxruntime_providers_cuda.dll'],
    ['dml', 'win32', null],
    ['coreml', 'darwin', null],
    ['cpu', 'linux', null],
  ] as const)('%s on %s needs %s', (provider, platform, name) => {
    expect(providerLibraryName(provider, platform)).toBe(name);
  });

  it('finds the CUDA library in any of the runtime folders, and says what is missing otherwise', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'ort-bin-'));
    const [a, b] = [path.join(root, 'napi-v3'), path.join(root, 'napi-v6')];
    mkdirSync(a);
    mkdirSync(b);
    expect(missingProviderLibrary('cuda', { platform: 'linux', binDirs: [a, b] })).toMatch(
      /libonnxruntime_providers_cuda\.so is not installed.*ONNXRUNTIME_NODE_INSTALL/,
    );
    writeFileSync(path.join(b, 'libonnxruntime_providers_cuda.so'), '');
    expect(missingProviderLibrary('cuda', { platform: 'linux', binDirs: [a, b] })).toBeNull();
    expect(missingProviderLibrary('cpu', { platform: 'linux', binDirs: [] })).toBeNull();
  });

  it('looks where onnxruntime-node loads its binding from', () => {
    const dirs = ortBinDirs(process.platform, process.arch);
    expect(dirs.some((dir) => existsSync(path.join(dir, 'onnxruntime_binding.node')))).toBe(true);
  });
});
