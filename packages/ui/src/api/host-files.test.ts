import { describe, expect, it, vi } from 'vitest';
import { localHostFiles, uploadingHostFiles } from './host-files.js';
import { toUserFacingProblem } from './user-facing-error.js';

const file = new File(['abc'], 'my clip #1.mp4', { type: 'video/mp4' });
const answer = (status: number, body: unknown) =>
  vi.fn(
    async () =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
  );

describe('uploadingHostFiles', () => {
  it('posts the raw file with its encoded name and returns the host path', async () => {
    const fetchImpl = answer(200, { path: '/lib/.tmp/x.upload/my clip #1.mp4', bytes: 3 });
    const path = await uploadingHostFiles('http://127.0.0.1:7777', fetchImpl).pathForDroppedFile(file);
    expect(path).toBe('/lib/.tmp/x.upload/my clip #1.mp4');
    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('http://127.0.0.1:7777/upload');
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('same-origin');
    expect((init.headers as Record<string, string>)['x-file-name']).toBe('my%20clip%20%231.mp4');
    expect(init.body).toBe(file);
  });

  it.each([
    [
      413,
      { error: { code: 'FILE_TOO_LARGE', message: 'Too big.', hint: 'Raise the limit.' } },
      { code: 'FILE_TOO_LARGE', message: 'Too big.', hint: 'Raise the limit.' },
    ],
    [
      401,
      { error: { code: 'UNAUTHORIZED', message: 'A token is required.' } },
      { code: 'UNAUTHORIZED', message: 'A token is required.' },
    ],
    [500, 'not json', { code: 'UNKNOWN', message: 'Upload failed (500).' }],
    [200, { bytes: 3 }, { code: 'UPLOAD_FAILED', message: 'The host did not say where it saved the file.' }],
  ])('answer %s becomes a user-facing problem', async (status, body, expected) => {
    const fetchImpl =
      typeof body === 'string' ? vi.fn(async () => new Response(body, { status })) : answer(status, body);
    const error = await uploadingHostFiles('', fetchImpl)
      .pathForDroppedFile(file)
      .catch((e: unknown) => e);
    expect(toUserFacingProblem(error)).toEqual(expected);
  });
});

describe('localHostFiles', () => {
  it('uses the path the preload exposes', async () => {
    const files = localHostFiles({ kirinukiFiles: { pathForFile: () => '/home/me/a.mp4' } });
    expect(await files.pathForDroppedFile(file)).toBe('/home/me/a.mp4');
  });
  it('says what to do when the window cannot read paths', async () => {
    const error = await localHostFiles({})
      .pathForDroppedFile(file)
      .catch((e: unknown) => e);
    expect(toUserFacingProblem(error).code).toBe('DROP_UNSUPPORTED');
  });
});
