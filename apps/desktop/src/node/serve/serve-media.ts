import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { writeFrameJpeg } from '@kirinuki/pipeline/vision/frame-images';
import type { Library } from '../library/library.js';

/** What serving a library's media needs: its files and database, and ffmpeg for thumbnails. */
export interface MediaSource {
  library: Library;
  ffmpeg: string;
}
import { findVideoById } from '../library/videos-repository.js';

const TYPES: Record<string, string> = {
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.mov': 'video/quicktime',
  '.webm': 'video/webm',
  '.mkv': 'video/x-matroska',
  '.avi': 'video/x-msvideo',
};

/** `Range: bytes=a-b` (one range; `a-`, `-n` too) → the inclusive byte span, or why not. */
export function parseByteRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'none' | 'unsatisfiable' {
  if (!header) return 'none';
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return 'none';
  let start: number;
  let end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}

function notFound(res: ServerResponse, message: string): void {
  res
    .writeHead(404, { 'content-type': 'application/json' })
    .end(JSON.stringify({ error: { code: 'NOT_FOUND', message, hint: 'Run `kirinuki library list`.' } }));
}

/** Streams a file with Range support (the player seeks with it). */
function sendFile(req: IncomingMessage, res: ServerResponse, file: string, type: string): void {
  const size = statSync(file).size;
  const range = parseByteRange(req.headers.range, size);
  const base = { 'content-type': type, 'accept-ranges': 'bytes', 'cache-control': 'private, max-age=3600' };
  if (range === 'unsatisfiable') {
    res.writeHead(416, { ...base, 'content-range': `bytes */${size}` }).end();
    return;
  }
  const { start, end } = range === 'none' ? { start: 0, end: size - 1 } : range;
  res.writeHead(range === 'none' ? 200 : 206, {
    ...base,
    'content-length': end - start + 1,
    ...(range === 'none' ? {} : { 'content-range': `bytes ${start}-${end}/${size}` }),
  });
  if (req.method === 'HEAD' || size === 0) return void res.end();
  const stream = createReadStream(file, { start, end });
  stream.on('error', () => res.destroy());
  res.on('close', () => stream.destroy());
  stream.pipe(res);
}

/** A library video's media file: the video itself, or its thumbnail (made on first ask). */
export async function mediaFileFor(
  services: MediaSource,
  videoId: string,
  kind: 'video' | 'thumbnail',
): Promise<{ file: string; type: string } | { missing: string }> {
  const video = await findVideoById(services.library.db, videoId);
  if (!video) return { missing: `No video with id ${videoId} in the library.` };
  if (!existsSync(video.path)) return { missing: `The file of ${video.title} is missing (${video.path}).` };
  if (kind === 'video')
    return {
      file: video.path,
      type: TYPES[path.extname(video.path).toLowerCase()] ?? 'application/octet-stream',
    };
  const dir = services.library.videoDir(video.sha256);
  const thumb = path.join(dir, 'thumbnail.jpg');
  if (!existsSync(thumb)) {
    mkdirSync(dir, { recursive: true });
    await writeFrameJpeg(video.path, Math.min(1, video.durationSec * 0.1), thumb, 180, {
      ffmpeg: services.ffmpeg,
    });
  }
  return { file: thumb, type: 'image/jpeg' };
}

/** `/media/<video-id>` or `/media/<video-id>/thumbnail.jpg` → what it names, or null. */
export function parseMediaPath(pathname: string): { videoId: string; kind: 'video' | 'thumbnail' } | null {
  const m = /^\/media\/([0-9A-Za-z]{10,40})(\/thumbnail\.jpg)?$/.exec(pathname);
  return m ? { videoId: m[1]!, kind: m[2] ? 'thumbnail' : 'video' } : null;
}

/**
 * `GET /media/<video-id>` (the video, for the player) and `GET /media/<video-id>/thumbnail.jpg`
 * (made on first ask, kept beside the video's results).
 */
export async function serveMedia(
  req: IncomingMessage,
  res: ServerResponse,
  services: MediaSource,
  pathname: string,
): Promise<void> {
  const wanted = parseMediaPath(pathname);
  if (!wanted) return notFound(res, 'No such media.');
  const found = await mediaFileFor(services, wanted.videoId, wanted.kind);
  if ('missing' in found) return notFound(res, found.missing);
  sendFile(req, res, found.file, found.type);
}
