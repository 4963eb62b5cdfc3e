import { pathToFileURL } from 'node:url';
import { mediaFileFor, type MediaSource } from '../node/serve/serve-media.js';

/** The renderer's URLs for a video and its thumbnail: `kirinuki-media://video/<id>`, `…/thumbnail/<id>`. */
export const MEDIA_SCHEME = 'kirinuki-media';

export function parseMediaUrl(url: string): { videoId: string; kind: 'video' | 'thumbnail' } | null {
  const m = /^kirinuki-media:\/\/(video|thumbnail)\/([0-9A-Za-z]{10,40})\/?$/.exec(url);
  return m ? { kind: m[1] as 'video' | 'thumbnail', videoId: m[2]! } : null;
}

/**
 * The handler of `kirinuki-media:` in the main process: finds the library file (making a thumbnail
 * on first ask) and hands it to Electron's own file fetch, which answers Range requests so the
 * player can seek. Nothing outside the library is reachable through it.
 */
export function createMediaHandler(
  services: MediaSource,
  fetchFile: (fileUrl: string, init: { headers: Headers }) => Promise<Response>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const wanted = parseMediaUrl(request.url);
    if (!wanted) return new Response('No such media.', { status: 404 });
    const found = await mediaFileFor(services, wanted.videoId, wanted.kind);
    if ('missing' in found) return new Response(found.missing, { status: 404 });
    const response = await fetchFile(pathToFileURL(found.file).toString(), { headers: request.headers });
    const headers = new Headers(response.headers);
    headers.set('content-type', found.type);
    return new Response(response.body, { status: response.status, headers });
  };
}
