import path from 'node:path';

export interface LibraryLocationInput {
  flag?: string | undefined;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  home: string;
  /** Where relative paths given by the user are taken from. */
  cwd: string;
}

/** The per-user app-data folder Electron's `app.getPath('userData')` uses for "Kirinuki". */
export function userDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string {
  if (platform === 'win32')
    return path.win32.join(env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming'), 'Kirinuki');
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', 'Kirinuki');
  return path.posix.join(env.XDG_CONFIG_HOME || path.posix.join(home, '.config'), 'Kirinuki');
}

/** --library, else KIRINUKI_LIBRARY, else `<userData>/library`. */
export function resolveLibraryDir(input: LibraryLocationInput): string {
  const chosen = input.flag ?? input.env.KIRINUKI_LIBRARY;
  if (chosen) return path.resolve(input.cwd, chosen);
  const base = userDataDir(input.env, input.platform, input.home);
  return input.platform === 'win32' ? path.win32.join(base, 'library') : path.posix.join(base, 'library');
}
