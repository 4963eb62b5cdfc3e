import { describe, expect, it } from 'vitest';
import { loudnessSecondPass, parseLoudnormJson } from './loudness.js';

const JSON_TAIL = `[Parsed_loudnorm_0 @ 0x1]
{
	"input_i" : "-41.75",
	"input_tp" : "-38.04",
	"input_lra" : "0.00",
	"input_thresh" : "-51.75",
	"output_i" : "-40.95",
	"normalization_type" : "linear",
	"target_offset" : "26.95"
}
`;

describe('parseLoudnormJson', () => {
  it('reads the measured values', () => {
    expect(parseLoudnormJson(`size=0kB\n${JSON_TAIL}`)).toEqual({
      inputI: -41.75,
      inputTp: -38.04,
      inputLra: 0,
      inputThresh: -51.75,
      targetOffset: 26.95,
    });
  });
  it.each([
    ['silence', JSON_TAIL.replace('"-41.75"', '"-inf"')],
    ['no JSON', 'Error while decoding'],
    ['broken JSON', '{ "input_i" : '],
  ])('%s → null', (_name, text) => {
    expect(parseLoudnormJson(text)).toBeNull();
  });
});

describe('loudnessSecondPass', () => {
  const m = { inputI: -30, inputTp: -20, inputLra: 4, inputThresh: -40, targetOffset: 0.3 };
  it.each([
    ['quiet speech: linear gain', m, 'volume=16.00dB'],
    ['loud and peaky: linear gain down', { ...m, inputI: -8, inputTp: 0.5 }, 'volume=-6.00dB'],
  ])('%s', (_name, measured, expected) => {
    expect(loudnessSecondPass(measured)).toBe(expected);
  });
  it('peaks that a linear gain would push past -1.5 dBTP go through loudnorm with the measured values', () => {
    const filter = loudnessSecondPass({ ...m, inputTp: -3 });
    expect(filter).toMatch(/^loudnorm=I=-14:TP=-1.5:LRA=11:measured_I=-30:measured_TP=-3:/);
    expect(filter).toContain('linear=true');
  });
});
