import { describe, expect, it } from 'vitest';
import type { Post } from '@kirinuki/contracts';
import type { OpenedHost } from '../../host/open-host.js';
import type { PublishRequest } from '../../use-cases/posts-use-cases.js';
import { postsRouter } from './posts-router.js';

// publish and schedule share one input: without `per` one request, with it one per platform,
// each with its own account and draft over the shared one.

function callerRecording() {
  const sent: { request: PublishRequest; at: string | null }[] = [];
  const made = (request: PublishRequest) =>
    request.to.map((platform) => ({ id: `${platform}-${sent.length}`, platform }) as unknown as Post);
  const posts = {
    queue: async (request: PublishRequest, at: string | null) => {
      sent.push({ request, at });
      return made(request);
    },
    schedule: async (request: PublishRequest, when: { at: string }) => {
      sent.push({ request, at: when.at });
      return { posts: made(request), warnings: request.to.map((p) => `${p}: busy`) };
    },
  };
  const host = { posts } as unknown as OpenedHost;
  return { sent, caller: postsRouter.createCaller({ host, requestId: 'test' }) };
}

describe('posts router', () => {
  it('publishes in one request without per, one per platform with it', async () => {
    const { sent, caller } = callerRecording();
    await caller.publish({ clipId: 'c1', to: ['x', 'tiktok'], draft: { caption: 'hi' } });
    expect(sent).toHaveLength(1);
    const { posts } = await caller.publish({
      clipId: 'c1',
      to: ['x', 'tiktok'],
      accountId: 'shared',
      draft: { caption: 'hi' },
      per: { tiktok: { accountId: 'tt1', draft: { privacy: 'private' } } },
    });
    expect(posts.map((p) => p.platform)).toEqual(['x', 'tiktok']);
    expect(sent.slice(1).map((s) => [s.request.to, s.request.accountId, s.request.draft])).toEqual([
      [['x'], 'shared', { caption: 'hi' }],
      [['tiktok'], 'tt1', { caption: 'hi', privacy: 'private' }],
    ]);
  });

  it('schedules with per too, the warnings of every platform gathered', async () => {
    const { sent, caller } = callerRecording();
    const answer = await caller.schedule({
      clipId: 'c1',
      to: ['x', 'youtube'],
      draft: { caption: 'hi' },
      at: '2030-01-01T09:00:00+09:00',
      per: { youtube: { draft: { title: 'T' } } },
    });
    expect(sent.map((s) => [s.request.to, s.at, s.request.draft])).toEqual([
      [['x'], '2030-01-01T09:00:00+09:00', { caption: 'hi' }],
      [['youtube'], '2030-01-01T09:00:00+09:00', { caption: 'hi', title: 'T' }],
    ]);
    expect(answer.warnings).toEqual(['x: busy', 'youtube: busy']);
  });

  it('refuses an empty platform list before asking the host', async () => {
    const { sent, caller } = callerRecording();
    await expect(caller.schedule({ clipId: 'c1', to: [], draft: {}, at: 'tomorrow 9:00' })).rejects.toThrow();
    expect(sent).toHaveLength(0);
  });
});
