import { describe, expect, it } from 'vitest';
import type { ConnectedAccount, PlatformLimits } from '../api/api-types.js';
import {
  draftOf,
  editFields,
  formIssues,
  initialForm,
  issuesOf,
  newIdempotencyKey,
  privacyOptions,
  toPublishRequest,
  toggleChosen,
  type LimitsState,
  type PlatformForm,
} from './publish-form.js';

const account = (id: string, platform: ConnectedAccount['platform'], over: Partial<ConnectedAccount> = {}) =>
  ({
    id,
    platform,
    remoteId: `r-${id}`,
    name: `Name ${id}`,
    avatarUrl: null,
    status: 'connected',
    tokenExpiresAt: null,
    connectedAt: '2026-11-28T10:00:00.000Z',
    ...over,
  }) as ConnectedAccount;

const clip = { title: 'The hook', text: 'What was said.', hashtags: ['AI', 'podcast'], duration: 30 };
const tiktokLimits: PlatformLimits = {
  privacy: [
    { choice: 'friends', value: 'MUTUAL_FOLLOW_FRIENDS' },
    { choice: 'private', value: 'SELF_ONLY' },
  ],
  maxDurationSec: 600,
  maxSizeBytes: 4 * 1024 ** 3,
  commentsDisabled: false,
  duetDisabled: true,
  stitchDisabled: false,
  creatorName: 'kirinuki_fan',
};
const ready = (limits: PlatformLimits): LimitsState => ({ state: 'ready', limits });
const youtubeLimits: PlatformLimits = { privacy: null, maxDurationSec: 180, maxSizeBytes: 1e9 };
const xLimits: PlatformLimits = { privacy: null, maxDurationSec: 140, maxSizeBytes: 512 * 2 ** 20 };

const base = initialForm(clip, [account('t1', 'tiktok'), account('y1', 'youtube'), account('x1', 'x')]);
const fields = (platform: 'tiktok' | 'youtube' | 'x' | 'instagram', edit: Partial<PlatformForm> = {}) => ({
  ...base.fields[platform],
  ...edit,
});

describe('initialForm', () => {
  it('makes each text from the clip and chooses nothing for the user', () => {
    expect(base.chosen).toEqual([]);
    expect(base.fields.tiktok).toMatchObject({
      accountId: 't1',
      privacy: null,
      text: 'The hook\n\n#AI #podcast',
      allowComments: false,
      allowDuet: false,
      allowStitch: false,
      commercial: false,
    });
    expect(base.fields.youtube).toMatchObject({ title: 'The hook', text: 'What was said.\n\n#AI #podcast' });
    expect(base.fields.youtube.madeForKids).toBeNull();
    expect(base.fields.x.text).toBe('The hook\n\n#AI #podcast');
    expect(base.fields.instagram.accountId).toBeNull(); // none connected
  });

  it('never picks an account that needs a reconnect', () => {
    const form = initialForm(clip, [
      account('t0', 'tiktok', { status: 'reconnect' }),
      account('t2', 'tiktok'),
    ]);
    expect(form.fields.tiktok.accountId).toBe('t2');
  });

  it('keeps the platforms in their fixed order', () => {
    const form = toggleChosen(toggleChosen(toggleChosen(base, 'x', true), 'tiktok', true), 'youtube', true);
    expect(form.chosen).toEqual(['tiktok', 'youtube', 'x']);
    expect(toggleChosen(form, 'tiktok', false).chosen).toEqual(['youtube', 'x']);
  });
});

describe('privacyOptions', () => {
  it.each([
    ['TikTok offers only what creator_info lists', 'tiktok', tiktokLimits, ['friends', 'private']],
    ['TikTok without limits offers nothing', 'tiktok', null, []],
    ['YouTube falls back to its three', 'youtube', youtubeLimits, ['public', 'unlisted', 'private']],
  ] as const)('%s', (_name, platform, limits, choices) =>
    expect(privacyOptions(platform, limits)?.map((o) => o.choice)).toEqual(choices),
  );
  it('X has no privacy', () => expect(privacyOptions('x', xLimits)).toBeNull());
});

describe('issuesOf', () => {
  it.each<
    [
      string,
      'tiktok' | 'youtube' | 'x' | 'instagram',
      Partial<PlatformForm>,
      LimitsState | undefined,
      string[],
    ]
  >([
    ['no account', 'instagram', { accountId: null }, ready(xLimits), ['no-account']],
    ['limits still asked', 'tiktok', {}, { state: 'loading' }, ['limits-pending']],
    ['limits failed', 'tiktok', {}, { state: 'failed' }, ['limits-failed']],
    ['TikTok privacy has no default', 'tiktok', {}, ready(tiktokLimits), ['privacy-required']],
    ['TikTok privacy answered', 'tiktok', { privacy: 'friends' }, ready(tiktokLimits), []],
    [
      'a privacy TikTok does not offer',
      'tiktok',
      { privacy: 'public' },
      ready(tiktokLimits),
      ['privacy-not-offered'],
    ],
    [
      'commercial on needs what it promotes',
      'tiktok',
      { privacy: 'friends', commercial: true },
      ready(tiktokLimits),
      ['commercial-kind-required'],
    ],
    [
      'branded content cannot be private',
      'tiktok',
      { privacy: 'private', commercial: true, brandedContent: true },
      ready(tiktokLimits),
      ['branded-not-private'],
    ],
    [
      'TikTok caption over 2200',
      'tiktok',
      { privacy: 'friends', text: 'a'.repeat(2201) },
      ready(tiktokLimits),
      ['text-too-long'],
    ],
    [
      'YouTube needs privacy and made-for-kids',
      'youtube',
      {},
      ready(youtubeLimits),
      ['privacy-required', 'made-for-kids-required'],
    ],
    ['YouTube answered', 'youtube', { privacy: 'unlisted', madeForKids: false }, ready(youtubeLimits), []],
    [
      'YouTube needs a title within 100',
      'youtube',
      { privacy: 'public', madeForKids: false, title: 'x'.repeat(101) },
      ready(youtubeLimits),
      ['title-too-long'],
    ],
    [
      'YouTube refuses < and >',
      'youtube',
      { privacy: 'public', madeForKids: true, title: 'a <b>' },
      ready(youtubeLimits),
      ['angle-brackets'],
    ],
    [
      'YouTube empty title',
      'youtube',
      { privacy: 'public', madeForKids: false, title: ' ' },
      ready(youtubeLimits),
      ['title-required'],
    ],
    ['X over 280 weighted', 'x', { text: 'あ'.repeat(141) }, ready(xLimits), ['text-too-long']],
    ['X fits', 'x', { text: 'あ'.repeat(140) }, ready(xLimits), []],
  ])('%s', (_name, platform, edit, limits, issues) => {
    const form = fields(platform, { accountId: 'a', ...edit });
    expect(issuesOf(platform, form, limits, clip)).toEqual(issues);
  });

  it('a clip longer than the platform takes', () => {
    expect(issuesOf('x', fields('x'), ready(xLimits), { duration: 141 })).toEqual(['clip-too-long']);
  });

  it('the form is ready only with a platform chosen and nothing left to answer', () => {
    const limits = { tiktok: ready(tiktokLimits), x: ready(xLimits) };
    expect(formIssues(base, limits, clip).ready).toBe(false); // nothing chosen
    let form = toggleChosen(toggleChosen(base, 'tiktok', true), 'x', true);
    expect(formIssues(form, limits, clip)).toEqual({
      byPlatform: { tiktok: ['privacy-required'], x: [] },
      ready: false,
    });
    form = editFields(form, 'tiktok', { privacy: 'private' });
    expect(formIssues(form, limits, clip).ready).toBe(true);
  });
});

describe('the form as a publish request', () => {
  it('TikTok: interactions the creator disabled stay off; commercial as ticked', () => {
    const draft = draftOf(
      'tiktok',
      fields('tiktok', {
        privacy: 'friends',
        allowComments: true,
        allowDuet: true,
        commercial: true,
        yourBrand: true,
      }),
      tiktokLimits,
    );
    expect(draft).toEqual({
      title: 'The hook\n\n#AI #podcast',
      caption: 'The hook\n\n#AI #podcast',
      privacy: 'friends',
      allowComments: true,
      allowDuet: false, // duetDisabled by the creator
      allowStitch: false,
      commercial: { yourBrand: true, brandedContent: false },
    });
  });

  it('commercial off sends no disclosure even if a kind was ticked before', () => {
    const draft = draftOf(
      'tiktok',
      fields('tiktok', { commercial: false, brandedContent: true }),
      tiktokLimits,
    );
    expect(draft.commercial).toEqual({ yourBrand: false, brandedContent: false });
  });

  it('one request with each platform its own account and draft', () => {
    let form = toggleChosen(toggleChosen(base, 'youtube', true), 'x', true);
    form = editFields(form, 'youtube', { privacy: 'unlisted', madeForKids: false });
    form = editFields(form, 'x', { text: 'Watch this https://example.com' });
    const request = toPublishRequest('c1', form, { youtube: ready(youtubeLimits), x: ready(xLimits) }, 'k1');
    expect(request).toEqual({
      clipId: 'c1',
      to: ['youtube', 'x'],
      draft: {},
      idempotencyKey: 'k1',
      per: {
        youtube: {
          accountId: 'y1',
          draft: {
            title: 'The hook',
            caption: 'What was said.\n\n#AI #podcast',
            privacy: 'unlisted',
            madeForKids: false,
          },
        },
        x: { accountId: 'x1', draft: { caption: 'Watch this https://example.com' } },
      },
    });
  });

  it('idempotency keys are random and fit the host’s 100 characters', () => {
    const a = newIdempotencyKey();
    expect(a).toMatch(/^ui-[0-9a-f]{32}$/);
    expect(newIdempotencyKey()).not.toBe(a);
    expect(newIdempotencyKey((b) => b.fill(255))).toBe(`ui-${'ff'.repeat(16)}`);
  });
});
