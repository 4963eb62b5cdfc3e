import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { multipartBody } from '../x/x-http.js';
import { signIn, xWorld, type XWorld } from '../x/test-support/x-harness.js';

// The fake's chunked upload keeps X's contract: segments keyed by index (a segment sent again
// replaces itself), FINALIZE checks they add up; the hash it records is of the assembled bytes
// whatever order the segments came in — it hashes while it receives, and starts over when a
// segment it already hashed is replaced by other bytes.

let world: XWorld | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

async function upload(sends: Array<[index: number, bytes: Buffer]>, total: number) {
  world = await xWorld();
  const { accessToken } = await signIn(world);
  const auth = { authorization: `Bearer ${accessToken}` };
  const init = await fetch(`${world.fake.origin}/2/media/upload/initialize`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ media_type: 'video/mp4', total_bytes: total, media_category: 'tweet_video' }),
  });
  const id = ((await init.json()) as { data: { id: string } }).data.id;
  for (const [index, bytes] of sends) {
    const { contentType, body } = multipartBody({ segment_index: String(index) }, { name: 'media', bytes });
    const answer = await fetch(`${world.fake.origin}/2/media/upload/${id}/append`, {
      method: 'POST',
      headers: { ...auth, 'content-type': contentType },
      body: Buffer.concat(body as Buffer[]),
    });
    expect(answer.status).toBe(200);
  }
  const finalize = await fetch(`${world.fake.origin}/2/media/upload/${id}/finalize`, {
    method: 'POST',
    headers: auth,
  });
  expect(finalize.status).toBe(200);
  return world.fake.media.get(id)!.sha256;
}

const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest('hex');

describe('the X fake’s media hash', () => {
  const [a, b, c, other] = [randomBytes(1000), randomBytes(1000), randomBytes(500), randomBytes(1000)];

  it('is of the assembled bytes when segments come in order', async () => {
    expect(
      await upload(
        [
          [0, a],
          [1, b],
          [2, c],
        ],
        2500,
      ),
    ).toBe(sha(a, b, c));
  });

  it('is of the assembled bytes when segments come out of order', async () => {
    expect(
      await upload(
        [
          [2, c],
          [0, a],
          [1, b],
        ],
        2500,
      ),
    ).toBe(sha(a, b, c));
  });

  it('keeps the hash when a hashed segment is sent again unchanged', async () => {
    expect(
      await upload(
        [
          [0, a],
          [1, b],
          [0, a],
          [2, c],
        ],
        2500,
      ),
    ).toBe(sha(a, b, c));
  });

  it('is of the new bytes when a hashed segment is replaced by other bytes', async () => {
    expect(
      await upload(
        [
          [0, a],
          [1, b],
          [2, c],
          [0, other],
        ],
        2500,
      ),
    ).toBe(sha(other, b, c));
  });
});

describe('the X fake’s per-endpoint limits', () => {
  const usersMe = async (w: XWorld, token: string) =>
    (await fetch(`${w.fake.origin}/2/users/me`, { headers: { authorization: `Bearer ${token}` } })).status;

  it('answers 429 with x-rate-limit-reset past X’s 75 users/me per 15 minutes', async () => {
    world = await xWorld();
    const { accessToken } = await signIn(world);
    const statuses: number[] = [];
    // Sign-in asked users/me once already: 74 more are allowed.
    for (let i = 0; i < 74; i++) statuses.push(await usersMe(world, accessToken));
    expect(statuses.every((s) => s === 200)).toBe(true);
    const refused = await fetch(`${world.fake.origin}/2/users/me`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('x-rate-limit-reset'))).toBeGreaterThan(world.clock.now() / 1000);
  });

  it('raises every endpoint’s limit with requestsPerWindow (a bench’s load)', async () => {
    world = await xWorld({ requestsPerWindow: 200 });
    const { accessToken } = await signIn(world);
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++) statuses.push(await usersMe(world, accessToken));
    expect(statuses.filter((s) => s === 200).length).toBe(199); // and sign-in's
    expect(statuses.at(-1)).toBe(429);
  });
});
