// Whether dist/cli holds a bundle built from the sources as they are now (plain JavaScript: it
// runs before any TypeScript loader is registered).
import { readFileSync, statSync } from 'node:fs';

export const CLI_BUNDLE_DIR = new URL('../dist/cli/', import.meta.url);

/** True when the stamp exists and every input it lists is older than the build's start. */
export function bundleIsCurrent(stamp = new URL('bundle-inputs.json', CLI_BUNDLE_DIR)) {
  try {
    const { startedAtMs, inputs } = JSON.parse(readFileSync(stamp, 'utf8'));
    return inputs.length > 0 && inputs.every((file) => statSync(file).mtimeMs < startedAtMs);
  } catch {
    return false; // no bundle yet, or an input was deleted
  }
}
