import { describe, expect, it } from 'vitest';
import { nextRoomAt, postingWindowWarning } from './posting-windows.js';

const T = Date.parse('2026-12-07T12:00:00Z');
const minutes = (n: number) => n * 60_000;
const times = (count: number, from: number, stepMs: number) =>
  Array.from({ length: count }, (_, i) => from + i * stepMs);

describe('postingWindowWarning', () => {
  it('is quiet while an account stays within its platform’s window', () => {
    expect(postingWindowWarning('x', T, times(99, T - minutes(14), 1000))).toBeNull();
    expect(postingWindowWarning('youtube', T, times(5, T - minutes(600), minutes(60)))).toBeNull();
  });

  it('warns for the 101st X post within 15 minutes, naming the limit', () => {
    const warning = postingWindowWarning('x', T, times(100, T - minutes(14), 1000));
    expect(warning).toMatch(/100 posts per 15 minutes/);
    expect(warning).toMatch(/101 posts due within 15 min/);
  });

  it('counts only the window that contains the post: 100 posts 20 minutes earlier are another window', () => {
    expect(postingWindowWarning('x', T, times(100, T - minutes(20), 1000))).toBeNull();
    // …but 100 posts spread across both sides of it within 15 minutes are one window with it.
    expect(
      postingWindowWarning('x', T, [...times(50, T - minutes(7), 1000), ...times(50, T + 1000, 1000)]),
    ).not.toBeNull();
  });

  it('warns for the 7th YouTube upload in a day and the 16th TikTok post', () => {
    expect(postingWindowWarning('youtube', T, times(6, T - minutes(600), minutes(60)))).toMatch(/6 uploads/);
    expect(postingWindowWarning('tiktok', T, times(15, T + minutes(1), minutes(60)))).toMatch(
      /about 15 posts/,
    );
  });

  it('takes the live quota a platform reported (Instagram’s content_publishing_limit) over the documented one', () => {
    expect(
      postingWindowWarning('instagram', T, times(25, T - minutes(60), 1000), {
        total: 25,
        windowSec: 86_400,
      }),
    ).not.toBeNull();
    expect(postingWindowWarning('instagram', T, times(25, T - minutes(60), 1000))).toBeNull();
  });
});

describe('nextRoomAt (pacing at firing)', () => {
  it('is now while the window has room, else when the oldest post that must fall out does', () => {
    const five = [1, 2, 3, 4, 5].map((h) => T - minutes(60 * h));
    expect(nextRoomAt('youtube', T, five)).toBeNull();
    // Six uploads in the last day: the seventh waits until the earliest is a day old.
    const six = [...five, T - minutes(600)];
    expect(nextRoomAt('youtube', T, six)).toBe(T - minutes(600) + 86_400_000);
    // Eight: three must fall out to leave room for one, so it waits for the third-oldest (the sixth-latest).
    const eight = [...six, T - minutes(700), T - minutes(800)];
    expect(nextRoomAt('youtube', T, eight)).toBe(T - minutes(600) + 86_400_000);
    // Posts older than the window do not count; X's window is 15 minutes.
    expect(nextRoomAt('youtube', T, [...five, T - 86_400_001])).toBeNull();
    const x = Array.from({ length: 100 }, (_, i) => T - i * 1000);
    expect(nextRoomAt('x', T, x)).toBe(T - 99_000 + minutes(15));
    expect(nextRoomAt('x', T, x.slice(1))).toBeNull();
  });
});
