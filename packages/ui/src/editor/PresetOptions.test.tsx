import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PLATFORMS } from './clip-presets.js';
import { PresetOptions } from './PresetOptions.js';

const optionsOf = (current?: string) => {
  const { container } = render(
    <select value={current ?? 'tiktok'} onChange={() => undefined}>
      <PresetOptions presets={PLATFORMS} current={current} />
    </select>,
  );
  return [...container.querySelectorAll('option')].map((o) => o.value);
};

describe('PresetOptions', () => {
  it('lists the presets, and keeps a current value the list does not know', () => {
    const ids = PLATFORMS.map((p) => p.id);
    expect(optionsOf()).toEqual(ids);
    expect(optionsOf('shorts')).toEqual(ids);
    expect(optionsOf('myspace')).toEqual(['myspace', ...ids]);
  });
});
