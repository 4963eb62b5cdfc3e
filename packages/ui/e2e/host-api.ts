import type { Page } from 'playwright-core';

/**
 * Calls the serving host's API the way the page does (same origin, cookie auth): a tRPC query, or
 * a mutation when `method` is POST. The script goes to the page as text, so it runs the same from
 * vitest and from tsx (which would wrap a function in a helper the page does not have).
 */
export async function callHost<T>(
  page: Page,
  procedure: string,
  input?: unknown,
  method: 'GET' | 'POST' = 'GET',
): Promise<T> {
  const url =
    method === 'GET' && input !== undefined
      ? `/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`
      : `/trpc/${procedure}`;
  const init =
    method === 'POST'
      ? { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(input ?? null) }
      : { method };
  return (await page.evaluate(`(async () => {
    const response = await fetch(${JSON.stringify(url)}, ${JSON.stringify(init)});
    const body = await response.json();
    if (!response.ok) throw new Error(${JSON.stringify(procedure)} + ': HTTP ' + response.status + ' ' + JSON.stringify(body));
    return body.result.data;
  })()`)) as T;
}

interface HostJob {
  id: string;
  videoId: string;
  stage: string;
  status: string;
  progress: number | null;
  error?: { code: string; message: string } | null;
}

/** What the host says of a video's pipeline, for a failure message: its status and every job. */
export async function describePipeline(page: Page, videoId: string | null): Promise<string> {
  try {
    const { videos } = await callHost<{ videos: Array<{ id: string; title: string; status: string }> }>(
      page,
      'library.list',
    );
    const { jobs } = await callHost<{ jobs: HostJob[] }>(page, 'jobs.list');
    const lines = [
      ...videos.map((v) => `video ${v.id} "${v.title}": ${v.status}`),
      ...jobs
        .filter((j) => !videoId || j.videoId === videoId)
        .map(
          (j) =>
            `job ${j.stage} ${j.status}${j.progress === null ? '' : ` ${Math.round(j.progress * 100)}%`}${j.error ? ` ${j.error.code}: ${j.error.message}` : ''}`,
        ),
    ];
    return lines.join('\n') || 'the host has no videos and no jobs';
  } catch (error) {
    return `(could not ask the host: ${(error as Error).message})`;
  }
}

/** Waits for `condition`; when it times out, fails with `what` and the host's view of the pipeline. */
export async function waitForPipeline(
  page: Page,
  videoId: string | null,
  what: string,
  condition: (timeout: number) => Promise<unknown>,
  timeout: number,
): Promise<void> {
  const started = Date.now();
  try {
    await condition(timeout);
  } catch (error) {
    throw new Error(
      `${what}: not after ${((Date.now() - started) / 1000).toFixed(1)} s.\nThe host says:\n${await describePipeline(page, videoId)}\n${(error as Error).message}`,
    );
  }
}
