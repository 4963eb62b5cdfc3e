// Hiragana, katakana, CJK ideographs, full-width forms and CJK punctuation.
const CJK = /[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/u;

export function isCjkChar(ch: string): boolean {
  return CJK.test(ch);
}

export function hasCjk(text: string): boolean {
  return CJK.test(text);
}

/** Columns a text takes: full-width characters count as 2. */
export function textColumns(text: string): number {
  let columns = 0;
  for (const ch of text) columns += isCjkChar(ch) ? 2 : 1;
  return columns;
}

/**
 * Estimated advance of `text` in em for Noto Sans JP Bold, kept on the wide side so a line that
 * passes the estimate never overflows the safe area.
 */
export function estimateWidthEm(text: string): number {
  let em = 0;
  for (const ch of text) {
    if (isCjkChar(ch)) em += 1;
    else if (ch === ' ') em += 0.24;
    else if (/[A-Z]/.test(ch)) em += ch === 'M' || ch === 'W' ? 0.92 : 0.72;
    else if (/[mw]/.test(ch)) em += 0.9;
    else if (/[a-z]/.test(ch)) em += /[ijlft]/.test(ch) ? 0.34 : 0.6;
    else if (/[0-9]/.test(ch)) em += 0.6;
    else if (/[.,:;'!|]/.test(ch)) em += 0.3;
    else em += 0.62;
  }
  return em;
}
