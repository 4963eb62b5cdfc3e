import { describe, expect, it, vi } from 'vitest';
import type { Host } from '../../host/open-host.js';
import { modelsRouter } from './models-router.js';

describe('models router', () => {
  it('downloads from the network, or from a folder given as a full path', async () => {
    const download = vi.fn(async (id: string) => ({ id, files: [] }));
    const caller = modelsRouter.createCaller({
      host: { models: { download } } as unknown as Host,
      requestId: 't',
    });
    await caller.download({ id: 'whisper-base' });
    await caller.download({ id: 'whisper-base', from: '/media/usb/models' });
    expect(download.mock.calls).toEqual([
      ['whisper-base', { from: undefined }],
      ['whisper-base', { from: '/media/usb/models' }],
    ]);
    await expect(caller.download({ id: 'whisper-base', from: 'models' })).rejects.toThrow(/full path/);
    expect(download).toHaveBeenCalledTimes(2);
  });
});
