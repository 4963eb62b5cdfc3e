import { describe, expect, it } from 'vitest';
import { sniffSignature, type SignatureKind } from './sniff-signature.js';

const bytes = (...parts: Array<string | number[]>) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));

describe('sniffSignature', () => {
  const ts = new Uint8Array(376);
  ts[0] = 0x47;
  ts[188] = 0x47;
  it.each<[string, Uint8Array, SignatureKind, string]>([
    ['mp4 ftyp', bytes([0, 0, 0, 0x20], 'ftypisom'), 'mp4', 'video'],
    ['old QuickTime moov first', bytes([0, 0, 0, 8], 'moov'), 'mp4', 'video'],
    ['matroska', bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f]), 'matroska', 'video'],
    ['avi', bytes('RIFF', [0, 0, 0, 0], 'AVI LIST'), 'avi', 'video'],
    ['wav', bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '), 'wav', 'audio'],
    ['webp', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '), 'webp', 'image'],
    ['mpeg-ts', ts, 'mpegts', 'video'],
    ['mpeg-ps', bytes([0, 0, 1, 0xba]), 'mpegps', 'video'],
    ['flv', bytes('FLV', [1]), 'flv', 'video'],
    ['ogg', bytes('OggS', [0]), 'ogg', 'video'],
    ['asf', bytes([0x30, 0x26, 0xb2, 0x75, 0x8e]), 'asf', 'video'],
    ['y4m', bytes('YUV4MPEG2 W20000 H20000'), 'y4m', 'video'],
    ['flac', bytes('fLaC'), 'flac', 'audio'],
    ['mp3 id3', bytes('ID3', [4, 0]), 'mp3', 'audio'],
    ['mp3 frame', bytes([0xff, 0xfb, 0x90, 0x64]), 'mp3', 'audio'],
    ['png', bytes([0x89], 'PNG', [13, 10, 26, 10]), 'png', 'image'],
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0]), 'jpeg', 'image'],
    ['gif', bytes('GIF89a'), 'gif', 'image'],
    ['html', bytes('\n  <!DOCTYPE html><html>'), 'html', 'document'],
    ['text', bytes('just some notes\nnot a video\n'), 'text', 'document'],
    ['random binary', bytes([1, 2, 3, 0, 200, 17, 0, 9]), 'unknown', 'unknown'],
    ['empty', bytes(), 'unknown', 'unknown'],
  ])('%s', (_name, input, kind, family) => {
    const signature = sniffSignature(input);
    expect(signature.kind).toBe(kind);
    expect(signature.family).toBe(family);
    expect(signature.videoContainer).toBe(family === 'video');
  });
});
