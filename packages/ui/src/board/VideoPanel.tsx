import { Fragment, useEffect, useMemo, useRef, useState } from 'react';
import { useHost } from '../app/gateways-context.js';
import { formatTimecode } from '../i18n/format.js';
import { useT } from '../i18n/use-t.js';
import { useTimeline } from './use-timeline.js';

/** The word being spoken at `time` (binary search over words in time order), or -1. */
export function currentWordIndex(words: ReadonlyArray<{ start: number; end: number }>, time: number): number {
  let lo = 0;
  let hi = words.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const w = words[mid]!;
    if (time < w.start) hi = mid - 1;
    else if (time >= w.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/**
 * The video on the review board: the player, the transcript with the spoken word lit up (a click
 * seeks to it), and the shots as a strip (a click seeks to the shot). Both fill in as the analysis
 * makes them; `clipCount` is how many clips the board has of the video.
 */
export function VideoPanel({ videoId, clipCount = 0 }: { videoId: string; clipCount?: number }) {
  const { t } = useT();
  const { media } = useHost();
  const timeline = useTimeline(videoId, clipCount);
  const [now, setNow] = useState(0);
  const [unplayable, setUnplayable] = useState(false);
  const player = useRef<HTMLVideoElement>(null);
  useEffect(() => setUnplayable(false), [videoId]);
  const words = useMemo(() => timeline?.words ?? [], [timeline]);
  const current = currentWordIndex(words, now);
  const shot = (timeline?.shots ?? []).find((s) => now >= s.start && now < s.end)?.index ?? -1;
  const seek = (time: number) => {
    setNow(time);
    const video = player.current;
    if (!video) return;
    video.currentTime = time;
    void video.play().catch(() => undefined);
  };
  return (
    <section className="card video-panel" data-testid="video-panel" aria-label={t('video.heading')}>
      <div className="video-main">
        <video
          ref={player}
          data-testid="video-player"
          src={media.videoUrl(videoId)}
          poster={media.thumbnailUrl(videoId)}
          controls
          preload="metadata"
          onTimeUpdate={(e) => setNow(e.currentTarget.currentTime)}
          onSeeked={(e) => setNow(e.currentTarget.currentTime)}
          onError={() => setUnplayable(true)}
        />
        {unplayable ? <p className="muted">{t('video.unplayable')}</p> : null}
        {timeline?.shots.length ? (
          <div className="shot-strip" data-testid="shot-strip" role="list" aria-label={t('video.shots')}>
            {timeline.shots.map((s) => (
              <button
                key={s.index}
                type="button"
                role="listitem"
                className={`shot${s.index === shot ? ' shot-current' : ''}`}
                data-current={s.index === shot}
                style={{ flexGrow: Math.max(0.2, s.end - s.start) }}
                title={`${t('video.shot', { n: s.index + 1 })} · ${formatTimecode(s.start)}–${formatTimecode(s.end)}`}
                onClick={() => seek(s.start)}
              >
                {s.index + 1}
              </button>
            ))}
          </div>
        ) : null}
      </div>
      <div className="transcript" data-testid="transcript" aria-label={t('video.transcript')}>
        {timeline === null ? (
          <p className="muted">…</p>
        ) : !timeline.transcribed ? (
          <p className="muted">{t('video.noTranscript')}</p>
        ) : words.length === 0 ? (
          <p className="muted">{t('video.noSpeech')}</p>
        ) : (
          words.map((w, i) => {
            // The space before a word goes between the words, not into its highlight.
            const text = w.word.trimStart();
            return (
              <Fragment key={i}>
                {text.length < w.word.length ? ' ' : null}
                <span
                  data-testid="transcript-word"
                  data-current={i === current}
                  className={i === current ? 'word word-current' : 'word'}
                  role="button"
                  tabIndex={-1}
                  title={formatTimecode(w.start)}
                  onClick={() => seek(w.start)}
                >
                  {text}
                </span>
              </Fragment>
            );
          })
        )}
      </div>
    </section>
  );
}
