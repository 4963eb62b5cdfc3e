import { describe, expect, it } from 'vitest';
import { messagesEn } from './messages-en.js';
import { messagesJa } from './messages-ja.js';

const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

describe('catalogues', () => {
  it.each(Object.keys(messagesEn) as Array<keyof typeof messagesEn>)(
    '%s has the same placeholders in ja',
    (key) => {
      expect(messagesJa[key].length).toBeGreaterThan(0);
      expect(placeholders(messagesJa[key])).toEqual(placeholders(messagesEn[key]));
    },
  );
});
