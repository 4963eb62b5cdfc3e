// `pnpm fixtures [name-filter]`: makes the small, deterministic media the tests use, into
// fixtures/media. Each area lists its fixtures in scripts/fixtures/<area>.fixtures.ts. Video comes
// from ffmpeg's lavfi sources through the bundled ffmpeg (so results match on every machine);
// speech from espeak-ng when it is installed (otherwise the committed file is kept).
import { existsSync, mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FIXTURES_DIR, hasCommand, type FixtureSpec } from './fixtures/fixture-spec.js';

const listDir = fileURLToPath(new URL('./fixtures', import.meta.url));
const filter = process.argv[2];
mkdirSync(FIXTURES_DIR, { recursive: true });
const espeak = hasCommand('espeak-ng');
for (const listFile of readdirSync(listDir)
  .filter((f) => f.endsWith('.fixtures.ts'))
  .sort()) {
  const { fixtures } = (await import(pathToFileURL(path.join(listDir, listFile)).href)) as {
    fixtures: FixtureSpec[];
  };
  for (const spec of fixtures) {
    if (filter && !spec.file.includes(filter)) continue;
    const target = path.join(FIXTURES_DIR, spec.file);
    if (spec.needs === 'espeak-ng' && !espeak) {
      console.log(
        `skip ${spec.file}: espeak-ng is not installed${existsSync(target) ? ' (keeping the committed file)' : ''}`,
      );
      continue;
    }
    const temp = `${target}.part${path.extname(target)}`;
    await spec.make(temp);
    renameSync(temp, target);
    console.log(`made ${spec.file} (${statSync(target).size} bytes): ${spec.what}`);
  }
}
