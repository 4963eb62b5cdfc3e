import type { ServerResponse } from 'node:http';
import { sendJson } from './fake-kit.js';
import { googleError, videoResourceOf, type FakeVideo, type UploadCore } from './youtube-fake-upload.js';

// The Data API reads Kirinuki makes: the signed-in user's channel (its snippet and its uploads
// playlist), that playlist's items newest first, and videos by id (status, fileDetails).

export type ReadHandler = (res: ServerResponse, url: URL) => void;

export function dataApiReads(
  core: UploadCore,
  channel: { id: string; title: string; avatarUrl: string | null } | null,
  mine: () => FakeVideo[],
): Record<string, ReadHandler> {
  const uploadsId = () => `UU${core.channel.id.slice(2)}`;

  function channels(res: ServerResponse, url: URL): void {
    if (url.searchParams.get('mine') !== 'true')
      return googleError(
        res,
        400,
        'missingRequiredParameter',
        'No filter selected. Expected one of: mine, id, forHandle.',
      );
    const parts = (url.searchParams.get('part') ?? '').split(',');
    const items = channel
      ? [
          {
            kind: 'youtube#channel',
            id: channel.id,
            ...(parts.includes('snippet')
              ? {
                  snippet: {
                    title: channel.title,
                    thumbnails: channel.avatarUrl
                      ? { default: { url: channel.avatarUrl, width: 88, height: 88 } }
                      : {},
                  },
                }
              : {}),
            ...(parts.includes('contentDetails')
              ? { contentDetails: { relatedPlaylists: { likes: '', uploads: uploadsId() } } }
              : {}),
          },
        ]
      : [];
    sendJson(res, 200, {
      kind: 'youtube#channelListResponse',
      pageInfo: { totalResults: items.length },
      items,
    });
  }

  function playlistItems(res: ServerResponse, url: URL): void {
    if (!channel || url.searchParams.get('playlistId') !== uploadsId())
      return googleError(
        res,
        404,
        'playlistNotFound',
        "The playlist identified with the request's playlistId parameter cannot be found.",
      );
    const max = Math.min(50, Number(url.searchParams.get('maxResults') ?? 5));
    const items = [...mine()]
      .reverse()
      .slice(0, max)
      .map((v) => ({
        kind: 'youtube#playlistItem',
        id: `PI${v.id}`,
        snippet: {
          publishedAt: v.publishedAt,
          channelId: v.channelId,
          title: v.title,
          description: v.description,
          playlistId: uploadsId(),
          resourceId: { kind: 'youtube#video', videoId: v.id },
        },
        contentDetails: { videoId: v.id, videoPublishedAt: v.publishedAt },
      }));
    sendJson(res, 200, { kind: 'youtube#playlistItemListResponse', items });
  }

  function videos(res: ServerResponse, url: URL): void {
    const ids = new Set((url.searchParams.get('id') ?? '').split(',').filter(Boolean));
    const parts = (url.searchParams.get('part') ?? '').split(',');
    const items = mine()
      .filter((v) => ids.has(v.id))
      .map((v) => videoResourceOf(v, core.channel.title, parts));
    sendJson(res, 200, { kind: 'youtube#videoListResponse', items });
  }

  return {
    '/youtube/v3/channels': channels,
    '/youtube/v3/playlistItems': playlistItems,
    '/youtube/v3/videos': videos,
  };
}
