import { describe, expect, it } from 'vitest';
import { segmentsFromOpenAi } from './openai-response.js';

describe('segmentsFromOpenAi', () => {
  it('assigns words to segments, shifts by the chunk offset and keeps words inside', () => {
    const segments = segmentsFromOpenAi(
      {
        text: 'Hello there. General Kenobi.',
        segments: [
          { start: 0, end: 1.5, text: ' Hello there.', avg_logprob: -0.1 },
          { start: 1.5, end: 3, text: ' General Kenobi.', avg_logprob: -0.5 },
        ],
        words: [
          { word: 'Hello', start: 0.1, end: 0.5 },
          { word: 'there', start: 0.6, end: 1.6 },
          { word: 'General', start: 1.7, end: 2.2 },
          { word: 'Kenobi', start: 2.3, end: 3.4 },
        ],
      },
      100,
      30,
    );
    expect(segments).toEqual([
      {
        start: 100,
        end: 101.5,
        text: 'Hello there.',
        words: [
          { word: 'Hello', start: 100.1, end: 100.5, probability: 0.9 },
          { word: 'there', start: 100.6, end: 101.5, probability: 0.9 },
        ],
      },
      {
        start: 101.5,
        end: 103,
        text: 'General Kenobi.',
        words: [
          { word: 'General', start: 101.7, end: 102.2, probability: 0.61 },
          { word: 'Kenobi', start: 102.3, end: 103, probability: 0.61 },
        ],
      },
    ]);
  });

  it.each([
    ['text only (gpt-4o json)', { text: 'Hi.' }, [{ start: 5, end: 15, text: 'Hi.', words: [] }]],
    ['nothing said', { text: '  ', segments: [] }, []],
  ])('%s', (_name, response, expected) => expect(segmentsFromOpenAi(response, 5, 10)).toEqual(expected));
});
