import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { osFileReveal, revealCommand } from './os-file-reveal.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kirinuki-reveal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('revealCommand', () => {
  it.each([
    ['darwin', { bin: 'open', args: ['-R', '/Users/me/a.mp4'] }],
    ['win32', { bin: 'explorer.exe', args: ['/select,/Users/me/a.mp4'] }],
    ['linux', { bin: 'xdg-open', args: ['/Users/me'] }],
  ] as const)('%s', (platform, command) => {
    expect(revealCommand(platform, '/Users/me/a.mp4')).toEqual(command);
  });
});

describe('osFileReveal', () => {
  it('offers nothing on a Linux without xdg-open', () => {
    expect(osFileReveal('linux', { PATH: dir })).toEqual({});
  });

  it('runs xdg-open on the folder where there is one', async () => {
    const marker = path.join(dir, 'opened.txt');
    const opener = path.join(dir, 'xdg-open');
    writeFileSync(opener, `#!/bin/sh\necho "$1" > ${JSON.stringify(marker)}\n`);
    chmodSync(opener, 0o755);
    const env = { ...process.env, PATH: `${dir}${path.delimiter}${process.env.PATH}` };
    const shell = osFileReveal('linux', env);
    expect(shell.revealFile).toBeTypeOf('function');
    await shell.revealFile!(path.join(dir, 'clip.mp4'));
    for (let i = 0; i < 50 && !existsSync(marker); i++) await new Promise((r) => setTimeout(r, 20));
    expect(readFileSync(marker, 'utf8').trim()).toBe(dir);
  });
});
