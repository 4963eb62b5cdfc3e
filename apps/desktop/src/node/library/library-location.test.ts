import { describe, expect, it } from 'vitest';
import { resolveLibraryDir } from './library-location.js';

describe('resolveLibraryDir', () => {
  it.each([
    [{ flag: '/data/lib', env: { KIRINUKI_LIBRARY: '/env/lib' }, platform: 'linux' }, '/data/lib'],
    [{ flag: 'rel', env: {}, platform: 'linux' }, '/work/rel'],
    [{ env: { KIRINUKI_LIBRARY: '/env/lib' }, platform: 'linux' }, '/env/lib'],
    [{ env: {}, platform: 'linux' }, '/home/u/.config/Kirinuki/library'],
    [{ env: { XDG_CONFIG_HOME: '/xdg' }, platform: 'linux' }, '/xdg/Kirinuki/library'],
    [{ env: {}, platform: 'darwin' }, '/home/u/Library/Application Support/Kirinuki/library'],
    [
      { env: { APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, platform: 'win32' },
      'C:\\Users\\u\\AppData\\Roaming\\Kirinuki\\library',
    ],
  ] as const)('%j → %s', (input, expected) => {
    expect(
      resolveLibraryDir({ ...input, env: { ...input.env }, home: '/home/u', cwd: '/work' } as Parameters<
        typeof resolveLibraryDir
      >[0]),
    ).toBe(expected);
  });
});
