import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { signIn, startRig, type TestRig } from '../youtube/test-support/youtube-test-host.js';

// The fake holds clients to YouTube's documented contract, whoever calls it: these requests are
// written by hand, not by our client.

const KIB256 = 256 * 1024;
const rigs: TestRig[] = [];
afterEach(async () => {
  await Promise.all(rigs.splice(0).map((r) => r.close()));
});

async function session(total: number, options: Parameters<typeof startRig>[0] = {}) {
  const rig = await startRig(options);
  rigs.push(rig);
  const { tokens } = await signIn(rig);
  const auth = { authorization: `Bearer ${tokens.accessToken}` };
  const init = await fetch(
    `${rig.fake.origin}/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status`,
    {
      method: 'POST',
      headers: {
        ...auth,
        'content-type': 'application/json; charset=UTF-8',
        'x-upload-content-length': String(total),
        'x-upload-content-type': 'video/mp4',
      },
      body: JSON.stringify({
        snippet: { title: 'Raw', categoryId: '22' },
        status: { privacyStatus: 'private' },
      }),
    },
  );
  expect(init.status).toBe(200);
  const location = new URL(init.headers.get('location')!);
  expect(location.origin).toBe('https://www.googleapis.com');
  const uri = `${rig.fake.origin}${location.pathname}${location.search}`;
  const put = (range: string, body: Uint8Array = new Uint8Array(0), headers: Record<string, string> = auth) =>
    fetch(uri, { method: 'PUT', headers: { ...headers, 'content-range': range }, body, redirect: 'manual' });
  return { rig, tokens, auth, uri, put };
}

describe('the YouTube fake enforces the resumable protocol', () => {
  it('answers 308 without Range before any byte, 308 with Range after a chunk, 201 with the video after the last', async () => {
    const bytes = randomBytes(KIB256 + 10);
    const { rig, put } = await session(bytes.length);
    const empty = await put(`bytes */${bytes.length}`);
    expect([empty.status, empty.headers.get('range')]).toEqual([308, null]);
    const first = await put(`bytes 0-${KIB256 - 1}/${bytes.length}`, bytes.subarray(0, KIB256));
    expect([first.status, first.headers.get('range')]).toEqual([308, `bytes=0-${KIB256 - 1}`]);
    const last = await put(`bytes ${KIB256}-${bytes.length - 1}/${bytes.length}`, bytes.subarray(KIB256));
    expect(last.status).toBe(201);
    const video = (await last.json()) as { id: string; status: { uploadStatus: string } };
    expect(video.status.uploadStatus).toBe('uploaded');
    const again = await put(`bytes */${bytes.length}`);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { id: string }).id).toBe(video.id);
    expect(rig.fake.posts).toMatchObject([
      { id: video.id, sha256: createHash('sha256').update(bytes).digest('hex'), privacyStatus: 'private' },
    ]);
  });

  it('refuses a chunk that is not a multiple of 256 KiB, one out of order, a wrong total, and a stale token', async () => {
    const total = 3 * KIB256;
    const { rig, put } = await session(total);
    const odd = await put(`bytes 0-99999/${total}`, new Uint8Array(100_000));
    expect(odd.status).toBe(400);
    expect(await odd.text()).toContain('multiple of 262144');
    const gap = await put(`bytes ${KIB256}-${2 * KIB256 - 1}/${total}`, new Uint8Array(KIB256));
    expect(gap.status).toBe(400);
    const total2 = await put(`bytes 0-${KIB256 - 1}/${total + 1}`, new Uint8Array(KIB256));
    expect(total2.status).toBe(400);
    const liar = await put(`bytes 0-${KIB256 - 1}/${total}`, new Uint8Array(KIB256 - 1));
    expect(liar.status).toBe(400);
    rig.clock.advance(3600_000);
    const stale = await put(`bytes 0-${KIB256 - 1}/${total}`, new Uint8Array(KIB256));
    expect(stale.status).toBe(401);
    expect(rig.fake.posts).toHaveLength(0);
  });

  it('answers 404 once a session has expired', async () => {
    const { rig, put } = await session(KIB256);
    rig.fake.expireSessions();
    expect((await put(`bytes */${KIB256}`)).status).toBe(404);
  });

  it('refuses metadata YouTube refuses, with its reason, and charges quota per insert', async () => {
    const rig = await startRig({ dailyQuota: 1600 });
    rigs.push(rig);
    const { tokens } = await signIn(rig);
    const insert = (body: unknown) =>
      fetch(`${rig.fake.origin}/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then(async (r) => [
        r.status,
        ((await r.json().catch(() => ({}))) as { error?: { errors?: Array<{ reason: string }> } }).error
          ?.errors?.[0]?.reason,
      ]);
    expect(await insert({ snippet: { title: 'a<b' } })).toEqual([400, 'invalidTitle']);
    expect(await insert({ snippet: { title: 'x'.repeat(101) } })).toEqual([400, 'invalidTitle']);
    expect(await insert({ snippet: { title: 'ok', description: 'あ'.repeat(1667) } })).toEqual([
      400,
      'invalidDescription',
    ]);
    expect(await insert({ snippet: { title: 'ok', tags: ['x'.repeat(250), 'y'.repeat(250)] } })).toEqual([
      400,
      'invalidTags',
    ]);
    expect(await insert({ snippet: { title: 'ok' }, status: { privacyStatus: 'friends' } })).toEqual([
      400,
      'invalidVideoMetadata',
    ]);
    expect(await insert({ snippet: { title: 'ok' }, status: { privacyStatus: 'public' } })).toEqual([
      200,
      undefined,
    ]);
    expect(await insert({ snippet: { title: 'ok' }, status: { privacyStatus: 'public' } })).toEqual([
      403,
      'quotaExceeded',
    ]);
  });

  it('signs in only on loopback redirects, and only with the registered client secret', async () => {
    const rig = await startRig();
    rigs.push(rig);
    const page = await fetch(
      `${rig.fake.origin}/o/oauth2/v2/auth?client_id=desktop-client.apps.test&redirect_uri=https://evil.example/cb&response_type=code&scope=x`,
      { redirect: 'manual' },
    );
    expect(page.status).toBe(400);
    const token = await fetch(`${rig.fake.origin}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: 'desktop-client.apps.test',
        client_secret: 'nope',
        refresh_token: 'r',
      }),
    });
    expect(token.status).toBe(401);
    expect(await token.json()).toMatchObject({ error: 'invalid_client' });
  });
});
