import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeHost, makeVideo } from '../test-support/fake-host.js';
import { renderWithHost } from '../test-support/render-app.js';
import { currentWordIndex, VideoPanel } from './VideoPanel.js';

describe('currentWordIndex', () => {
  const words = [
    { start: 1, end: 1.4 },
    { start: 1.5, end: 2 },
    { start: 3, end: 3.2 },
  ];
  it.each([
    [0.5, -1],
    [1, 0],
    [1.39, 0],
    [1.45, -1],
    [1.7, 1],
    [3.1, 2],
    [9, -1],
  ])('at %s s → word %i', (time, expected) => expect(currentWordIndex(words, time)).toBe(expected));
});

describe('VideoPanel', () => {
  it('plays the host’s video, lights up the spoken word, and seeks on a word or a shot', async () => {
    const { host } = fakeHost({ videos: [makeVideo()] });
    renderWithHost(host, <VideoPanel videoId="v1" />);
    const player = screen.getByTestId('video-player') as HTMLVideoElement;
    expect(player.getAttribute('src')).toBe('http://host.test/media/v1');
    expect(player.getAttribute('poster')).toBe('http://host.test/media/v1/thumbnail.jpg');
    const words = await screen.findAllByTestId('transcript-word');
    expect(words.map((w) => w.textContent)).toEqual(['Hello', 'world']);

    player.currentTime = 1.6;
    fireEvent.timeUpdate(player);
    await waitFor(() => expect(words[1]!.getAttribute('data-current')).toBe('true'));
    expect(words[0]!.getAttribute('data-current')).toBe('false');

    fireEvent.click(words[0]!);
    expect(player.currentTime).toBe(1);
    await waitFor(() => expect(words[0]!.getAttribute('data-current')).toBe('true'));

    const shots = screen.getByTestId('shot-strip').querySelectorAll('button');
    expect(shots).toHaveLength(2);
    fireEvent.click(shots[1]!);
    expect(player.currentTime).toBe(30);
    await waitFor(() => expect(shots[1]!.getAttribute('data-current')).toBe('true'));
  });

  it('says when the video has no transcript yet', async () => {
    const { host } = fakeHost({ videos: [makeVideo()] });
    host.library.timeline.mockResolvedValueOnce({
      durationSec: 60,
      transcribed: false,
      words: [],
      shots: [],
    });
    renderWithHost(host, <VideoPanel videoId="v1" />);
    expect((await screen.findByTestId('transcript')).textContent).toContain('The transcript appears here');
  });
});
