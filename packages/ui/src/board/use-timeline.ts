import { useEffect, useState } from 'react';
import type { Timeline } from '../api/api-types.js';
import { useHost } from '../app/gateways-context.js';
import { useJobsStore } from '../jobs/jobs-store.js';
import { timelineRevision } from './timeline-revision.js';

/**
 * The video's transcript words and shots (null until the first answer), asked for again without
 * clearing what is shown when one of its transcribe, vision or segment jobs finishes on the progress
 * feed. Clips are made from the transcript, so clips on the board while none is shown also ask
 * again: the feed may have missed the job's end (a dropped connection).
 */
export function useTimeline(videoId: string, clipCount: number): Timeline | null {
  const { library } = useHost();
  const [shown, setShown] = useState<{ videoId: string; timeline: Timeline | null } | null>(null);
  const revision = useJobsStore((s) => timelineRevision(s.jobs, videoId));
  const timeline = shown?.videoId === videoId ? shown.timeline : null;
  const behindClips = clipCount > 0 && timeline?.transcribed === false;
  const [clipAsks, setClipAsks] = useState(0);
  useEffect(() => {
    if (behindClips) setClipAsks((n) => n + 1);
  }, [behindClips]);
  useEffect(() => {
    let latest = true;
    library.timeline(videoId).then(
      (answer) => latest && setShown({ videoId, timeline: answer }),
      // A failed second ask keeps what is shown; a failed first one shows nothing.
      () => latest && setShown((s) => (s?.videoId === videoId ? s : { videoId, timeline: null })),
    );
    return () => {
      latest = false; // a later ask (or another video) overtook this one
    };
  }, [library, videoId, revision, clipAsks]);
  return timeline;
}
