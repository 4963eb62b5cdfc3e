import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/** The first executable called `name` on PATH (with Windows extensions), or null. */
export function findExecutable(
  name: string,
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string | null {
  const dirs = (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : ':').filter(Boolean);
  const extensions = platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of dirs) {
    for (const ext of extensions) {
      const candidate = path.join(dir, name + ext.toLowerCase());
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        /* keep looking */
      }
    }
  }
  return null;
}
