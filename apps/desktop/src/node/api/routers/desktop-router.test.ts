import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DesktopShell } from '../../../common/desktop-shell.js';
import type { Host } from '../../host/open-host.js';
import { desktopRouter } from './desktop-router.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kirinuki-desktop-router-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const callerWith = (desktop: DesktopShell | undefined) =>
  desktopRouter.createCaller({ host: { desktop } as Host, requestId: 'test' });

describe('desktop router', () => {
  it('says what the host can do, and refuses what it cannot with NOT_SUPPORTED', async () => {
    const bare = callerWith(undefined);
    expect(await bare.capabilities()).toEqual({ chooseFolder: false, revealFile: false });
    await expect(bare.chooseFolder({ title: 'Export to' })).rejects.toMatchObject({
      cause: { code: 'NOT_SUPPORTED' },
    });
    await expect(bare.revealFile({ path: '/x.mp4' })).rejects.toMatchObject({
      cause: { code: 'NOT_SUPPORTED' },
    });
  });

  it('answers the folder picked, and reveals only an existing file by its absolute path', async () => {
    const revealed: string[] = [];
    const caller = callerWith({
      chooseFolder: async ({ title }) => (title === 'cancel' ? null : '/home/me/Clips'),
      revealFile: async (file) => void revealed.push(file),
    });
    expect(await caller.capabilities()).toEqual({ chooseFolder: true, revealFile: true });
    expect(await caller.chooseFolder({ title: 'Export to' })).toEqual({ path: '/home/me/Clips' });
    expect(await caller.chooseFolder({ title: 'cancel' })).toEqual({ path: null });

    const file = path.join(dir, 'clip.mp4');
    writeFileSync(file, 'mp4');
    expect(await caller.revealFile({ path: file })).toEqual({ revealed: file });
    for (const bad of ['clip.mp4', path.join(dir, 'gone.mp4'), dir])
      await expect(caller.revealFile({ path: bad })).rejects.toMatchObject({
        cause: { code: 'FILE_NOT_FOUND' },
      });
    expect(revealed).toEqual([file]);
  });
});
