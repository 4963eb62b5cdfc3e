import { sendRequest } from '../http/platform-http.js';
import { viaOrigin } from '../platform-origin.js';
import { YOUTUBE_URLS } from './youtube-endpoints.js';
import { youtubeJson } from './youtube-errors.js';
import type { SessionHttp, YouTubeVideo } from './youtube-session.js';

// When the session is gone (404/410) after the last chunk was sent, the status query can no longer
// say whether the video was made. The channel's uploads can: a video with this title, uploaded
// since the session opened, with this file's size, is ours. Three cheap reads (1 unit each).

/** Clocks differ; a video published a little "before" the session opened may still be ours. */
const CLOCK_SLACK_MS = 10 * 60_000;

interface ChannelList {
  items?: Array<{ contentDetails?: { relatedPlaylists?: { uploads?: string } } }>;
}
interface PlaylistItems {
  items?: Array<{ snippet?: { title?: string; publishedAt?: string; resourceId?: { videoId?: string } } }>;
}
interface VideoList {
  items?: YouTubeVideo[];
}

async function getJson<T>(http: SessionHttp, token: string, url: string): Promise<T> {
  const response = await sendRequest(http.fetch, {
    method: 'GET',
    url: viaOrigin(url, http.origin),
    headers: { authorization: `Bearer ${token}` },
    signal: http.signal,
  });
  return youtubeJson<T>(response);
}

/** The video this upload made, found among the channel's latest uploads, or null when it made none. */
export async function findUploadedVideo(
  http: SessionHttp,
  token: string,
  wanted: { title: string; size: number; since: number },
): Promise<YouTubeVideo | null> {
  const channels = await getJson<ChannelList>(
    http,
    token,
    `${YOUTUBE_URLS.channels}?part=contentDetails&mine=true`,
  );
  const uploads = channels.items?.[0]?.contentDetails?.relatedPlaylists?.uploads;
  if (!uploads) return null;
  const list = await getJson<PlaylistItems>(
    http,
    token,
    `${YOUTUBE_URLS.playlistItems}?part=snippet&maxResults=50&playlistId=${encodeURIComponent(uploads)}`,
  );
  const ids = (list.items ?? [])
    .filter((item) => item.snippet?.title === wanted.title)
    .filter((item) => Date.parse(item.snippet?.publishedAt ?? '') >= wanted.since - CLOCK_SLACK_MS)
    .map((item) => item.snippet?.resourceId?.videoId)
    .filter((id): id is string => Boolean(id));
  if (ids.length === 0) return null;
  const videos = await getJson<VideoList>(
    http,
    token,
    `${YOUTUBE_URLS.videos}?part=status,fileDetails&id=${ids.map(encodeURIComponent).join(',')}`,
  );
  // fileDetails is the owner's view; where YouTube has not filled it yet, the title and time decide.
  const sizeOf = (v: YouTubeVideo) =>
    v.fileDetails?.fileSize === undefined ? null : Number(v.fileDetails.fileSize);
  const items = videos.items ?? [];
  return items.find((v) => sizeOf(v) === wanted.size) ?? items.find((v) => sizeOf(v) === null) ?? null;
}
