import { UserFacingError, type PublishPlatform, type Settings } from '@kirinuki/contracts';
import {
  createPlatformClient,
  platformOrigin,
  type PlatformClient,
  type PlatformCredentials,
} from '@kirinuki/social';
import type { SecretStore } from '../../common/secret-store.js';

export const clientSecretName = (platform: PublishPlatform) => `platform-secret:${platform}`;

/**
 * How this host reaches a platform: the user's developer app (client id from the settings, secret
 * from the secret store) and the origin its requests go to (KIRINUKI_PLATFORM_ORIGIN_<P>, else the
 * setting `platforms.<id>.origin`, else the platform's own).
 */
export function platformAccess(deps: {
  settings: () => Promise<Settings>;
  secrets: SecretStore;
  env?: NodeJS.ProcessEnv;
}) {
  const env = deps.env ?? process.env;
  const originOf = (platform: PublishPlatform, settings: Settings) =>
    platformOrigin(platform, { env, setting: settings[`platforms.${platform}.origin`] });
  return {
    originOf: async (platform: PublishPlatform) => originOf(platform, await deps.settings()),
    client: async (platform: PublishPlatform): Promise<PlatformClient> =>
      createPlatformClient(platform, { origin: originOf(platform, await deps.settings()) }),
    credentials: async (platform: PublishPlatform): Promise<PlatformCredentials> => {
      const clientId = (await deps.settings())[`platforms.${platform}.clientId`];
      if (!clientId)
        throw new UserFacingError('PLATFORM_NOT_CONFIGURED', `No ${platform} developer app is set up here.`, {
          hint: `Register one on the platform (README: Publishing), then \`kirinuki accounts connect ${platform} --client-id <id>\` or set platforms.${platform}.clientId.`,
        });
      return { clientId, clientSecret: deps.secrets.get(clientSecretName(platform)) };
    },
  };
}

export type PlatformAccess = ReturnType<typeof platformAccess>;
