import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  focused: null as object | null,
  dialogCalls: [] as unknown[][],
  answer: { canceled: false, filePaths: ['/home/me/Clips'] },
  revealed: [] as string[],
}));
vi.mock('electron', () => ({
  BrowserWindow: { getFocusedWindow: () => electron.focused },
  dialog: {
    showOpenDialog: async (...args: unknown[]) => {
      electron.dialogCalls.push(args);
      return electron.answer;
    },
  },
  shell: { showItemInFolder: (file: string) => void electron.revealed.push(file) },
}));
const { electronDesktopShell } = await import('./electron-desktop-shell.js');

describe('electronDesktopShell (mocked electron)', () => {
  it('asks for a folder on the focused window and answers the folder chosen, or null', async () => {
    const window = { id: 1 };
    electron.focused = window;
    const shell = electronDesktopShell();
    expect(await shell.chooseFolder!({ title: 'Export to', defaultPath: '/home/me' })).toBe('/home/me/Clips');
    expect(electron.dialogCalls[0]).toEqual([
      window,
      { title: 'Export to', properties: ['openDirectory', 'createDirectory'], defaultPath: '/home/me' },
    ]);
    electron.focused = null;
    electron.answer = { canceled: true, filePaths: [] };
    expect(await shell.chooseFolder!({ title: 'Export to' })).toBeNull();
    expect(electron.dialogCalls[1]).toEqual([
      { title: 'Export to', properties: ['openDirectory', 'createDirectory'] },
    ]);
  });

  it('shows a file in the OS file manager', async () => {
    await electronDesktopShell().revealFile!('/home/me/Clips/a.mp4');
    expect(electron.revealed).toEqual(['/home/me/Clips/a.mp4']);
  });
});
