import type { PublishPlatform } from '@kirinuki/contracts';

/**
 * What signing in to each platform asks of the user's own developer app: whether its secret is
 * needed (TikTok's and Google's token calls take it; X takes none from a public PKCE app), where
 * it is registered, and what the platform calls its id.
 */
export const DEVELOPER_APP: Readonly<
  Record<
    PublishPlatform,
    { secret: 'required' | 'optional'; portal: string; idLabel: 'clientId' | 'clientKey' }
  >
> = {
  tiktok: { secret: 'required', portal: 'developers.tiktok.com', idLabel: 'clientKey' },
  instagram: { secret: 'required', portal: 'developers.facebook.com', idLabel: 'clientId' },
  youtube: { secret: 'required', portal: 'console.cloud.google.com', idLabel: 'clientId' },
  x: { secret: 'optional', portal: 'developer.x.com', idLabel: 'clientId' },
};

/**
 * Instagram redirects only to an https address registered with the app in advance: the user gives
 * it, and pastes back the address the browser landed on after allowing Kirinuki.
 */
export const needsRegisteredRedirect = (platform: PublishPlatform) => platform === 'instagram';

/** The saved https redirect of Instagram (`platforms.instagram.redirectUri`), empty when none is. */
export function instagramRedirectOf(settings: Readonly<Record<string, unknown>>): string {
  const value = settings['platforms.instagram.redirectUri'];
  return typeof value === 'string' ? value : '';
}

export type ClientIds = Readonly<Record<PublishPlatform, string>>;

/** The client ids the settings hold (`platforms.<id>.clientId`), empty where none is set. */
export function clientIdsOf(settings: Readonly<Record<string, unknown>>): ClientIds {
  const id = (platform: PublishPlatform) => {
    const value = settings[`platforms.${platform}.clientId`];
    return typeof value === 'string' ? value : '';
  };
  return { tiktok: id('tiktok'), instagram: id('instagram'), youtube: id('youtube'), x: id('x') };
}
