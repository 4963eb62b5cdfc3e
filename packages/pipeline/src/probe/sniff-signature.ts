/** What a file's first bytes say it is, before any demuxer is trusted with it. */
export type SignatureKind =
  | 'mp4'
  | 'matroska'
  | 'avi'
  | 'mpegts'
  | 'mpegps'
  | 'flv'
  | 'ogg'
  | 'asf'
  | 'y4m'
  | 'wav'
  | 'mp3'
  | 'flac'
  | 'aac'
  | 'png'
  | 'jpeg'
  | 'gif'
  | 'webp'
  | 'html'
  | 'text'
  | 'unknown';

export interface Signature {
  kind: SignatureKind;
  /** A container that can hold video: a failure to read it past this point is corruption. */
  videoContainer: boolean;
  /** A still-image or audio-only format (refused later as NO_VIDEO_STREAM). */
  family: 'video' | 'audio' | 'image' | 'document' | 'unknown';
  label: string;
}

const ascii = (bytes: Uint8Array, start: number, length: number) =>
  String.fromCharCode(...bytes.subarray(start, start + length));

const VIDEO: Record<string, string> = {
  mp4: 'MP4/QuickTime',
  matroska: 'Matroska/WebM',
  avi: 'AVI',
  mpegts: 'MPEG transport stream',
  mpegps: 'MPEG program stream',
  flv: 'Flash video',
  ogg: 'Ogg',
  asf: 'ASF/WMV',
  y4m: 'YUV4MPEG2',
};

function kindOf(bytes: Uint8Array): SignatureKind {
  const b = (i: number) => bytes[i] ?? -1;
  const box = ascii(bytes, 4, 4);
  if (['ftyp', 'moov', 'mdat', 'free', 'wide', 'skip', 'pnot'].includes(box)) return 'mp4';
  if (b(0) === 0x1a && b(1) === 0x45 && b(2) === 0xdf && b(3) === 0xa3) return 'matroska';
  if (ascii(bytes, 0, 4) === 'RIFF') {
    const form = ascii(bytes, 8, 4);
    if (form === 'AVI ') return 'avi';
    if (form === 'WAVE') return 'wav';
    if (form === 'WEBP') return 'webp';
  }
  if (b(0) === 0x47 && b(188) === 0x47 && (bytes.length < 377 || b(376) === 0x47)) return 'mpegts';
  if (b(0) === 0x00 && b(1) === 0x00 && b(2) === 0x01 && b(3) === 0xba) return 'mpegps';
  if (ascii(bytes, 0, 3) === 'FLV') return 'flv';
  if (ascii(bytes, 0, 4) === 'OggS') return 'ogg';
  if (b(0) === 0x30 && b(1) === 0x26 && b(2) === 0xb2 && b(3) === 0x75) return 'asf';
  if (ascii(bytes, 0, 9) === 'YUV4MPEG2') return 'y4m';
  if (ascii(bytes, 0, 4) === 'fLaC') return 'flac';
  if (ascii(bytes, 0, 3) === 'ID3' || (b(0) === 0xff && (b(1) & 0xe6) === 0xe2)) return 'mp3';
  if (b(0) === 0xff && (b(1) & 0xf6) === 0xf0) return 'aac';
  if (b(0) === 0x89 && ascii(bytes, 1, 3) === 'PNG') return 'png';
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return 'jpeg';
  if (ascii(bytes, 0, 4) === 'GIF8') return 'gif';
  return looksLikeText(bytes) ? (looksLikeHtml(bytes) ? 'html' : 'text') : 'unknown';
}

function looksLikeText(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  let printable = 0;
  for (const byte of bytes) {
    if (byte === 0) return false;
    if (byte === 9 || byte === 10 || byte === 13 || (byte >= 32 && byte !== 127)) printable += 1;
  }
  return printable / bytes.length > 0.97;
}

function looksLikeHtml(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8', { fatal: false })
    .decode(bytes.subarray(0, 1024))
    .replace(/^\uFEFF/, '');
  return /^\s*<(!doctype html|html|head|body|!--)/i.test(head);
}

/** Classifies the first bytes (4 KiB is plenty) of a file. */
export function sniffSignature(bytes: Uint8Array): Signature {
  const kind = kindOf(bytes);
  if (kind in VIDEO) return { kind, videoContainer: true, family: 'video', label: VIDEO[kind] as string };
  if (kind === 'wav' || kind === 'mp3' || kind === 'flac' || kind === 'aac')
    return { kind, videoContainer: false, family: 'audio', label: `${kind.toUpperCase()} audio` };
  if (kind === 'png' || kind === 'jpeg' || kind === 'gif' || kind === 'webp')
    return { kind, videoContainer: false, family: 'image', label: `${kind.toUpperCase()} image` };
  if (kind === 'html' || kind === 'text')
    return {
      kind,
      videoContainer: false,
      family: 'document',
      label: kind === 'html' ? 'an HTML page' : 'a text file',
    };
  return { kind, videoContainer: false, family: 'unknown', label: 'an unrecognised format' };
}
