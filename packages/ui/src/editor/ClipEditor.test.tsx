import { render } from '@testing-library/react';
import { Profiler } from 'react';
import { describe, expect, it } from 'vitest';
import { HostProvider } from '../app/gateways-context.js';
import { createBoardStore } from '../board/board-store.js';
import { FakeClipsGateway, makeClip } from '../test-support/fake-clips-gateway.js';
import { fakeHost } from '../test-support/fake-host.js';
import { ClipEditor } from './ClipEditor.js';

describe('ClipEditor', () => {
  it("shows the opened clip's values in its very first frame (no empty field to type into first)", async () => {
    const store = createBoardStore(new FakeClipsGateway([makeClip(0), makeClip(1)]));
    await store.getState().load('v1');
    store.getState().openEditor('c1');
    // A Profiler reports each commit once the DOM is updated and before effects run: what the
    // title field holds then is what the first frame shows.
    const titles: string[] = [];
    const onRender = () => {
      const field = document.querySelector<HTMLInputElement>('[data-testid="editor-title"]');
      if (field) titles.push(field.value);
    };
    render(
      <HostProvider host={fakeHost().host}>
        <Profiler id="editor" onRender={onRender}>
          <ClipEditor store={store} video={null} />
        </Profiler>
      </HostProvider>,
    );
    expect(titles[0]).toBe('Clip 1');
  });
});
