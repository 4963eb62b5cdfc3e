// `pnpm bench <name>` runs scripts/bench-<name>.ts (e.g. `pnpm bench import`); with no name it lists them.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const available = readdirSync(dir)
  .map((f) => /^bench-(.+)\.ts$/.exec(f)?.[1])
  .filter((name): name is string => Boolean(name));
const name = process.argv[2];
if (!name || !available.includes(name)) {
  console.error(`usage: pnpm bench <${available.join('|')}>`);
  process.exit(name ? 2 : 0);
}
const run = spawnSync(
  process.execPath,
  ['--import', 'tsx', `${dir}bench-${name}.ts`, ...process.argv.slice(3)],
  { stdio: 'inherit' },
);
process.exit(run.status ?? 1);
