import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFfmpegBinaries } from '@kirinuki/pipeline';
import { testImportOptions } from '../node/library/test-support/test-import-options.js';
import { importIntoLibrary } from '../node/library/test-support/import-into-library.js';
import { openLibrary, type Library } from '../node/library/library.js';
import { createMediaHandler, parseMediaUrl } from './media-protocol.js';

const FIXTURE = fileURLToPath(new URL('../../../../fixtures/media/testsrc-2s-320x240.mp4', import.meta.url));
const root = mkdtempSync(path.join(tmpdir(), 'kirinuki-media-protocol-'));
const bins = resolveFfmpegBinaries();
let library: Library;
let videoId = '';
beforeAll(async () => {
  library = await openLibrary(path.join(root, 'library'));
  const { video } = await importIntoLibrary(library, FIXTURE, testImportOptions());
  videoId = video.id;
});
afterAll(async () => {
  await library.close();
  rmSync(root, { recursive: true, force: true });
});

describe('the kirinuki-media: protocol (main process)', () => {
  it.each([
    [
      'kirinuki-media://video/01ABCDEFGHJKMNPQRSTVWXYZ12',
      { kind: 'video', videoId: '01ABCDEFGHJKMNPQRSTVWXYZ12' },
    ],
    [
      'kirinuki-media://thumbnail/01ABCDEFGHJKMNPQRSTVWXYZ12/',
      { kind: 'thumbnail', videoId: '01ABCDEFGHJKMNPQRSTVWXYZ12' },
    ],
    ['kirinuki-media://video/../../etc/passwd', null],
    ['kirinuki-media://file/01ABCDEFGHJKMNPQRSTVWXYZ12', null],
  ])('%s → %j', (url, expected) => expect(parseMediaUrl(url)).toEqual(expected));

  it('serves library videos and thumbnails through the file fetch, with the Range header passed on', async () => {
    const seen: Array<{ url: string; range: string | null }> = [];
    const handler = createMediaHandler({ library, ffmpeg: bins.ffmpeg.path }, async (url, init) => {
      seen.push({ url, range: init.headers.get('range') });
      return new Response(readFileSync(fileURLToPath(url)));
    });
    const video = await handler(
      new Request(`kirinuki-media://video/${videoId}`, { headers: { range: 'bytes=0-9' } }),
    );
    expect(video.status).toBe(200);
    expect(video.headers.get('content-type')).toBe('video/mp4');
    expect(Buffer.from(await video.arrayBuffer()).equals(readFileSync(FIXTURE))).toBe(true);
    expect(seen[0]).toMatchObject({ range: 'bytes=0-9' });
    expect(seen[0]!.url).toMatch(/^file:\/\/.*source\.mp4$/);
    const thumb = await handler(new Request(`kirinuki-media://thumbnail/${videoId}`));
    expect(thumb.headers.get('content-type')).toBe('image/jpeg');
    expect([...new Uint8Array((await thumb.arrayBuffer()).slice(0, 2))]).toEqual([0xff, 0xd8]);
    expect((await handler(new Request('kirinuki-media://video/01NOSUCHVIDEO0000000000000'))).status).toBe(
      404,
    );
    expect((await handler(new Request('kirinuki-media://elsewhere/x'))).status).toBe(404);
  });
});
