import type { ClipContext } from './clip-context.js';
import { englishKeywordSurfaces } from './text-terms.js';

const LEADING_FILLER_EN = /^(?:(?:and|but|so|well|okay|ok|um+|uh+|like|yeah|now|because|also|then),?\s+)+/i;
const LEADING_FILLER_JA = /^(?:(?:えー+と?|えっと|あの|まあ|なんか|でも|だから|それで|そして|で)、?)+/;

/** Keywords of a clip: its terms ranked by tf-idf against the whole transcript. */
export function clipKeywords(
  context: ClipContext,
  firstSentence: number,
  lastSentence: number,
  limit: number,
): string[] {
  const tf = new Map<string, number>();
  for (let i = firstSentence; i <= lastSentence; i += 1)
    for (const t of context.terms[i]!) tf.set(t, (tf.get(t) ?? 0) + 1);
  const n = context.sentences.length;
  return [...tf]
    .filter(([, count]) => count >= 2 || tf.size < 8)
    .map(([term, count]) => ({
      term,
      weight: count * Math.log(1 + n / (context.documentFrequency.get(term) ?? 1)),
    }))
    .sort((a, b) => b.weight - a.weight || a.term.localeCompare(b.term))
    .slice(0, limit)
    .map((k) => k.term);
}

function shorten(text: string, max: number, japanese: boolean): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  if (japanese) return `${chars.slice(0, max - 1).join('')}…`;
  const cut = text.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).replace(/[,;:]$/, '')}…`;
}

/**
 * A title taken from the clip itself: the opening when it is a question or short claim, else the
 * sentence carrying most of the clip's keywords, without leading fillers.
 */
export function suggestTitle(context: ClipContext, firstSentence: number, lastSentence: number): string {
  const { japanese } = context;
  const max = japanese ? 32 : 70;
  const clean = (text: string) => {
    const stripped = text.trim().replace(japanese ? LEADING_FILLER_JA : LEADING_FILLER_EN, '');
    const body = japanese ? stripped.replace(/[。]$/, '') : stripped.replace(/[.]$/, '');
    return japanese ? body : body.charAt(0).toUpperCase() + body.slice(1);
  };
  const opening = context.sentences[firstSentence]!;
  const hook = context.hooks[firstSentence]!;
  if ((hook.question || hook.claim || hook.number) && [...opening.text].length <= max)
    return clean(opening.text);
  const keywords = new Set(clipKeywords(context, firstSentence, lastSentence, 5));
  let best = firstSentence;
  let bestScore = -1;
  for (let i = firstSentence; i <= lastSentence; i += 1) {
    const hits = context.terms[i]!.filter((t) => keywords.has(t)).length;
    const length = [...context.sentences[i]!.text].length;
    const score = hits - (length > max ? 1 : 0) + (i === firstSentence ? 0.5 : 0);
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  }
  return shorten(clean(context.sentences[best]!.text), max, japanese);
}

/** Up to `limit` hashtags from the clip's keywords (English surface words; Japanese katakana/kanji words). */
export function suggestHashtags(
  context: ClipContext,
  firstSentence: number,
  lastSentence: number,
  limit = 3,
): string[] {
  const text = context.sentences
    .slice(firstSentence, lastSentence + 1)
    .map((s) => s.text)
    .join(' ');
  const tags: string[] = [];
  if (context.japanese) return japaneseHashtags(context, text, limit);
  const surfaces = englishKeywordSurfaces(text);
  for (const stem of clipKeywords(context, firstSentence, lastSentence, limit * 2)) {
    const surface = surfaces.get(stem);
    if (surface && !tags.includes(`#${surface}`)) tags.push(`#${surface}`);
    if (tags.length >= limit) break;
  }
  return tags;
}

/** Katakana words and kanji compounds of the clip, ranked by tf-idf over the transcript's sentences. */
function japaneseHashtags(context: ClipContext, text: string, limit: number): string[] {
  const tf = new Map<string, number>();
  for (const word of text.match(/[\u30a0-\u30ffー]{2,}|[\u3400-\u9fff]{2,}/g) ?? []) {
    // Counts ("三十分", "二時間") make poor tags.
    if ([...word].length <= 10 && !/^[一二三四五六七八九十百千万何]/.test(word))
      tf.set(word, (tf.get(word) ?? 0) + 1);
  }
  const n = context.sentences.length;
  return [...tf]
    .map(([word, count]) => {
      const df = Math.max(1, context.sentences.filter((s) => s.text.includes(word)).length);
      return { word, weight: count * count * Math.log(1 + n / df) * Math.min([...word].length, 3) };
    })
    .sort((a, b) => b.weight - a.weight || a.word.localeCompare(b.word))
    .slice(0, limit)
    .map((k) => `#${k.word}`);
}
