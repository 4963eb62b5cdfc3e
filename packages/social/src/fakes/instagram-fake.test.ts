import { afterEach, describe, expect, it } from 'vitest';
import { startInstagramFake, type InstagramFake } from './instagram-fake.js';

// The fake's own contract, by raw requests: what Instagram's documents say it refuses, it refuses,
// whatever our client does.

let fake: InstagramFake | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function setup() {
  let clock = Date.parse('2026-12-01T00:00:00Z');
  const f = await startInstagramFake({ now: () => clock, processingPolls: 0 });
  fake = f;
  const token = f.issueToken();
  const graph = (path: string, init: RequestInit = {}, bearer = token) =>
    fetch(`${f.origin}/v26.0/${path}`, {
      ...init,
      headers: { authorization: `Bearer ${bearer}`, ...(init.headers as Record<string, string>) },
    });
  const form = (fields: Record<string, string>) => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  const newContainer = async (caption = 'hi') => {
    const answer = (await (
      await graph(`${f.userId}/media`, form({ media_type: 'REELS', upload_type: 'resumable', caption }))
    ).json()) as { id: string; uri: string };
    return answer;
  };
  const upload = (id: string, body: Uint8Array, headers: Record<string, string>) =>
    fetch(`${f.origin}/ig-api-upload/v26.0/${id}`, {
      method: 'POST',
      headers: { authorization: `OAuth ${token}`, ...headers },
      body,
    });
  return { fake: f, token, graph, form, newContainer, upload, advance: (ms: number) => (clock += ms) };
}

const errorOf = async (response: Response) =>
  ((await response.json()) as { error: { code: number; error_subcode?: number } }).error;

describe('the Instagram fake enforces the documented contract', () => {
  it('answers a container with the upload host’s real URI and takes bytes only as documented', async () => {
    const { newContainer, upload, fake } = await setup();
    const { id, uri } = await newContainer();
    expect(uri).toBe(`https://rupload.facebook.com/ig-api-upload/v26.0/${id}`);
    const bytes = new Uint8Array(100).fill(7);
    // A Bearer token is not what the upload host reads (it wants `OAuth <token>`).
    const bearer = await fetch(`${fake.origin}/ig-api-upload/v26.0/${id}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fake.issueToken()}`, offset: '0', file_size: '100' },
      body: bytes,
    });
    expect(((await bearer.json()) as { debug_info: { type: string } }).debug_info.type).toBe(
      'NotAuthorizedError',
    );
    expect((await upload(id, bytes.subarray(0, 40), { offset: '0', file_size: '100' })).status).toBe(200);
    expect((await upload(id, bytes.subarray(0, 10), { offset: '50', file_size: '100' })).status).toBe(400); // a gap
    expect((await upload(id, bytes.subarray(0, 60), { offset: '40', file_size: '120' })).status).toBe(400); // size changed
    expect((await upload(id, bytes.subarray(0, 61), { offset: '40', file_size: '100' })).status).toBe(400); // past the end
    expect(await (await upload(id, bytes.subarray(40), { offset: '40', file_size: '100' })).json()).toEqual({
      success: true,
      message: 'Upload successful.',
    });
  });

  it('publishes a container once, only when FINISHED, and reads PUBLISHED after', async () => {
    const { graph, form, newContainer, upload, fake } = await setup();
    const { id } = await newContainer('caption');
    const early = await graph(`${fake.userId}/media_publish`, form({ creation_id: id }));
    expect(await errorOf(early)).toMatchObject({ code: 9007, error_subcode: 2207027 });
    await upload(id, new Uint8Array(10), { offset: '0', file_size: '10' });
    expect(await (await graph(`${id}?fields=status_code`)).json()).toEqual({ id, status_code: 'FINISHED' });
    const published = (await (
      await graph(`${fake.userId}/media_publish`, form({ creation_id: id }))
    ).json()) as { id: string };
    expect(fake.posts.map((p) => p.id)).toEqual([published.id]);
    expect(await (await graph(`${id}?fields=status_code`)).json()).toEqual({ id, status_code: 'PUBLISHED' });
    expect((await graph(`${fake.userId}/media_publish`, form({ creation_id: id }))).status).toBe(400);
    expect(fake.posts).toHaveLength(1);
    const listed = (await (await graph(`${fake.userId}/media?fields=id,caption`)).json()) as {
      data: unknown[];
    };
    expect(listed.data).toEqual([{ id: published.id, caption: 'caption' }]);
  });

  it('expires an unpublished container after 24 h, and refuses captions past the limits', async () => {
    const { graph, form, newContainer, upload, fake, advance } = await setup();
    const { id } = await newContainer();
    await upload(id, new Uint8Array(10), { offset: '0', file_size: '10' });
    advance(24 * 3600_000);
    expect(await (await graph(`${id}?fields=status_code`)).json()).toEqual({ id, status_code: 'EXPIRED' });
    const late = await graph(`${fake.userId}/media_publish`, form({ creation_id: id }));
    expect(await errorOf(late)).toMatchObject({ code: -2, error_subcode: 2207020 });
    const create = (caption: string) =>
      graph(`${fake.userId}/media`, form({ media_type: 'REELS', upload_type: 'resumable', caption }));
    expect((await create('🎬'.repeat(2200))).status).toBe(200);
    expect((await create('🎬'.repeat(2201))).status).toBe(400);
    expect((await create(Array.from({ length: 31 }, (_, i) => `#t${i}`).join(' '))).status).toBe(400);
  });

  it('refuses an unknown token (190), an expired one (190/463), and a publish past the quota (9/2207042)', async () => {
    const { graph, form, newContainer, upload, fake, advance } = await setup();
    expect(await errorOf(await graph('me?fields=user_id', {}, 'nonsense'))).toMatchObject({ code: 190 });
    const short = fake.issueToken({ ttlSec: 60 });
    advance(61_000);
    expect(await errorOf(await graph('me?fields=user_id', {}, short))).toMatchObject({
      code: 190,
      error_subcode: 463,
    });
    fake.knobs.quotaTotal = 0;
    const { id } = await newContainer();
    await upload(id, new Uint8Array(10), { offset: '0', file_size: '10' });
    await graph(`${id}?fields=status_code`);
    const over = await graph(`${fake.userId}/media_publish`, form({ creation_id: id }));
    expect(await errorOf(over)).toMatchObject({ code: 9, error_subcode: 2207042 });
    const limit = await (
      await graph(`${fake.userId}/content_publishing_limit?fields=quota_usage,config`)
    ).json();
    expect(limit).toEqual({ data: [{ quota_usage: 0, config: { quota_total: 0, quota_duration: 86400 } }] });
  });

  it('refreshes only a long-lived token at least 24 h old, and exchanges only a short-lived one', async () => {
    const { fake, advance } = await setup();
    const refresh = (token: string) =>
      fetch(`${fake.origin}/refresh_access_token?grant_type=ig_refresh_token&access_token=${token}`);
    const young = fake.issueToken();
    expect((await refresh(young)).status).toBe(400);
    advance(24 * 3600_000);
    const answer = (await (await refresh(young)).json()) as { access_token: string; expires_in: number };
    expect(answer.expires_in).toBe(60 * 24 * 3600);
    expect(fake.auth.check(young)).toBe('invalid');
    const exchange = (token: string, secret = 'test-instagram-secret') =>
      fetch(
        `${fake.origin}/access_token?grant_type=ig_exchange_token&client_secret=${secret}&access_token=${token}`,
      );
    expect((await exchange(answer.access_token)).status).toBe(400);
    const short = fake.auth.issue('short');
    expect((await exchange(short, 'wrong')).status).toBe(400);
    expect((await exchange(short)).status).toBe(200);
  });
});
