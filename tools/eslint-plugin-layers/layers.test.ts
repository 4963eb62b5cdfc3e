import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { layerOfPath } from './index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const eslint = new ESLint({ cwd: root });

async function layerMessages(code: string, relativePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, relativePath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'kirinuki/layers').map((m) => m.message);
}

const electronImport = "import { app } from 'electron';\nexport const name = app.name;\n";
const nodeImport = "import { join } from 'node:path';\nexport const p = join('a', 'b');\n";

describe('layer rule (differential: same code, different folders)', () => {
  it.each([
    [electronImport, 'apps/desktop/src/electron-main/x.ts', false],
    [electronImport, 'apps/desktop/src/preload/x.ts', false],
    [electronImport, 'packages/pipeline/src/x.ts', true],
    [electronImport, 'apps/desktop/src/common/x.ts', true],
    [electronImport, 'apps/desktop/src/node/x.ts', true],
    [electronImport, 'packages/ui/src/x.ts', true],
    [nodeImport, 'packages/pipeline/src/x.ts', false],
    [nodeImport, 'apps/desktop/src/node/x.ts', false],
    [nodeImport, 'apps/desktop/src/common/x.ts', true],
    [nodeImport, 'packages/ui/src/x.ts', true],
    ["import fs from 'fs';\nexport default fs;\n", 'packages/ui/src/x.ts', true],
    ["import { a } from '../node/a.js';\nexport { a };\n", 'apps/desktop/src/common/x.ts', true],
    ["import { a } from '../electron-main/a.js';\nexport { a };\n", 'apps/desktop/src/common/x.ts', true],
    ["import { a } from '../electron-main/a.js';\nexport { a };\n", 'apps/desktop/src/node/x.ts', true],
    ["import { a } from '../common/a.js';\nexport { a };\n", 'apps/desktop/src/node/x.ts', false],
    ["export { a } from '../node/a.js';\n", 'apps/desktop/src/common/x.ts', true],
    ["export const load = () => import('electron');\n", 'packages/pipeline/src/x.ts', true],
    // The CLI is node code: node built-ins yes, electron no.
    [electronImport, 'apps/desktop/src/cli/x.ts', true],
    [electronImport, 'apps/desktop/src/cli/commands/x.ts', true],
    [electronImport, 'apps/desktop/src/cli/test-support/x.ts', true],
    [nodeImport, 'apps/desktop/src/cli/x.ts', false],
    ["import { a } from '../electron-main/a.js';\nexport { a };\n", 'apps/desktop/src/cli/x.ts', true],
    ["import { a } from '../node/a.js';\nexport { a };\n", 'apps/desktop/src/cli/x.ts', false],
    // packages/contracts is like 'common': no node, no electron, nothing from node or electron layers.
    [electronImport, 'packages/contracts/src/x.ts', true],
    [nodeImport, 'packages/contracts/src/x.ts', true],
    ["import fs from 'fs';\nexport default fs;\n", 'packages/contracts/src/x.ts', true],
    [
      "import { a } from '../../../apps/desktop/src/node/a.js';\nexport { a };\n",
      'packages/contracts/src/x.ts',
      true,
    ],
    ["import { a } from '../../db/src/a.js';\nexport { a };\n", 'packages/contracts/src/x.ts', true],
    ["import { a } from '@kirinuki/pipeline';\nexport { a };\n", 'packages/contracts/src/x.ts', true],
    ["import { z } from 'zod';\nexport const id = z.string();\n", 'packages/contracts/src/x.ts', false],
    ["import { a } from './a.js';\nexport { a };\n", 'packages/contracts/src/x.ts', false],
    ["import { a } from '@kirinuki/contracts/a';\nexport { a };\n", 'packages/contracts/src/x.ts', false],
    // packages/social is node code for the desktop and the server alike: electron no.
    [electronImport, 'packages/social/src/x.ts', true],
    [nodeImport, 'packages/social/src/x.ts', false],
    // packages/db is node-only: node built-ins yes, electron no.
    [electronImport, 'packages/db/src/x.ts', true],
    [nodeImport, 'packages/db/src/x.ts', false],
    // Every layer may import contracts.
    ["import { a } from '@kirinuki/contracts';\nexport { a };\n", 'apps/desktop/src/common/x.ts', false],
    ["import { a } from '@kirinuki/contracts';\nexport { a };\n", 'packages/ui/src/x.ts', false],
  ])('%# %s in %s → violation %s', async (code, file, violates) => {
    const messages = await layerMessages(code, file);
    if (violates) {
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatch(/^Layer rule: .* \(DESIGN §1\)\.$/);
    } else expect(messages).toEqual([]);
  });

  it('names the layer in the message', async () => {
    expect(await layerMessages(electronImport, 'packages/pipeline/src/x.ts')).toEqual([
      "Layer rule: 'electron' cannot be imported here: packages/pipeline never imports electron (DESIGN §1).",
    ]);
    expect(await layerMessages(electronImport, 'apps/desktop/src/common/x.ts')).toEqual([
      "Layer rule: 'electron' cannot be imported here: a 'common' folder imports nothing electron-specific (DESIGN §1).",
    ]);
    expect(await layerMessages(electronImport, 'apps/desktop/src/cli/x.ts')).toEqual([
      "Layer rule: 'electron' cannot be imported here: a 'node' folder imports nothing electron-specific (DESIGN §1).",
    ]);
    expect(await layerMessages(nodeImport, 'packages/contracts/src/x.ts')).toEqual([
      "Layer rule: 'node:path' cannot be imported here: packages/contracts imports no node built-ins (DESIGN §1).",
    ]);
    expect(await layerMessages(electronImport, 'packages/db/src/x.ts')).toEqual([
      "Layer rule: 'electron' cannot be imported here: packages/db never imports electron (DESIGN §1).",
    ]);
  });
});

describe('layerOfPath', () => {
  it.each([
    ['/r/apps/desktop/src/common/a.ts', 'common'],
    ['/r/apps/desktop/src/node/storage/a.ts', 'node'],
    ['/r/apps/desktop/src/node/common/a.ts', 'common'],
    ['/r/apps/desktop/src/electron-utility/asr/a.ts', 'electron'],
    ['/r/apps/desktop/src/cli/a.ts', 'node'],
    ['/r/apps/desktop/src/cli/commands/a.ts', 'node'],
    ['/r/apps/desktop/src/cli/test-support/a.ts', 'node'],
    ['/r/apps/desktop/bin/kirinuki.js', null],
    ['/r/packages/contracts/src/events/a.ts', 'contracts'],
    ['/r/packages/db/src/migrations/a.ts', 'db'],
    ['/r/packages/db/src/node/a.ts', 'db'],
    ['/r/packages/pipeline/src/ffmpeg/a.ts', 'pipeline'],
    ['/r/packages/ui/src/App.tsx', 'ui'],
    ['/r/packages/ui/e2e/review-flow.e2e.test.ts', null],
  ])('%s → %s', (file, layer) => {
    expect(layerOfPath(file)).toBe(layer);
  });
});
