import { UserFacingError, type PublishPlatform } from '@kirinuki/contracts';
import type { PlatformClient, PlatformClientOptions } from './platform-client.js';
import { createInstagramClient } from './instagram/instagram-client.js';
import { createTikTokClient } from './tiktok/tiktok-client.js';
import { createXClient } from './x/x-client.js';
import { createYouTubeClient } from './youtube/youtube-client.js';

type ClientFactory = (options: PlatformClientOptions) => PlatformClient;

/** One factory per platform. */
const FACTORIES: Record<PublishPlatform, ClientFactory> = {
  tiktok: createTikTokClient,
  instagram: createInstagramClient,
  youtube: createYouTubeClient,
  x: createXClient,
};

/** The client of a platform, its requests sent to `options.origin` when one is given. */
export function createPlatformClient(
  platform: PublishPlatform,
  options: PlatformClientOptions = {},
): PlatformClient {
  const factory = FACTORIES[platform];
  if (!factory)
    throw new UserFacingError('NOT_SUPPORTED', `Publishing to ${platform} is not built in this version.`, {
      hint: 'Use another platform.',
    });
  return factory(options);
}
