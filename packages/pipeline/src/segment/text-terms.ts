import { stemEnglish } from './english-stem.js';

/** Words that carry no topic; fillers are here too so they never become keywords. */
const ENGLISH_STOPWORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below ' +
    'between both but by can could did do does doing done down during each even ever every few for from further ' +
    'get gets getting got had has have having he her here hers herself him himself his how i if in into is it its ' +
    'itself just know let like lot lots make makes made many may me might more most much must my myself need no ' +
    'nor not now of off on once one only or other our ours ourselves out over own really right said same say says ' +
    'see she should so some something still such take than that the their theirs them themselves then there these ' +
    'they thing things think this those through to too two under until up us very was way we well were what when ' +
    'where which while who whom why will with would yeah yes you your yours yourself yourselves okay ok um uh ' +
    'actually basically going gonna want wanna kind sort mean quite pretty maybe probably already around back ' +
    'first go goes went come comes came look looks put day time year years people good great new another'
  ).split(' '),
);

/** "it's", "don't", "we'll": a contraction is a stopword when its first part is one (or is "don"/"can"/"won"). */
function isStopword(word: string): boolean {
  const base = word.replace(/['’].*$/, '');
  return (
    ENGLISH_STOPWORDS.has(word) ||
    (base !== word &&
      (ENGLISH_STOPWORDS.has(base) ||
        /^(?:don|can|won|isn|aren|didn|doesn|wasn|weren|shouldn|wouldn|couldn|haven|hasn|ain)$/.test(base)))
  );
}

const JAPANESE_CHAR = /[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]/;
const HIRAGANA_ONLY = /^[\u3040-\u309f]+$/;

export function isJapaneseLanguage(language: string): boolean {
  return /^(ja|jp|japanese)/i.test(language);
}

export function hasJapanese(text: string): boolean {
  return JAPANESE_CHAR.test(text);
}

/** Lower-cased English words without punctuation, keeping inner apostrophes and digits. */
export function englishWords(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+(?:['’][a-z]+)?/g) ?? [];
}

/**
 * The terms lexical cohesion and keywords count: stems of English content words, and for Japanese
 * character bigrams that are not purely hiragana (hiragana pairs are mostly particles and endings).
 */
export function contentTerms(text: string, japanese: boolean): string[] {
  if (japanese) {
    const terms: string[] = [];
    const runs = text.match(/[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9fー]+|[A-Za-z0-9]+/g) ?? [];
    for (const run of runs) {
      if (/^[A-Za-z0-9]+$/.test(run)) {
        if (run.length > 1) terms.push(run.toLowerCase());
        continue;
      }
      const chars = [...run];
      for (let i = 0; i + 1 < chars.length; i += 1) {
        const bigram = chars[i]! + chars[i + 1]!;
        if (!HIRAGANA_ONLY.test(bigram)) terms.push(bigram);
      }
    }
    return terms;
  }
  return englishWords(text)
    .filter((w) => w.length > 2 && !isStopword(w) && !/^\d+$/.test(w))
    .map((w) => stemEnglish(w.replace(/['’]/g, '')));
}

/** English content words with the surface form for each stem (most frequent first), for hashtags. */
export function englishKeywordSurfaces(text: string): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const w of englishWords(text)) {
    if (w.length <= 2 || isStopword(w) || /^\d+$/.test(w) || w.includes("'")) continue;
    const stem = stemEnglish(w);
    const forms = counts.get(stem) ?? new Map<string, number>();
    forms.set(w, (forms.get(w) ?? 0) + 1);
    counts.set(stem, forms);
  }
  const surfaces = new Map<string, string>();
  for (const [stem, forms] of counts) {
    const best = [...forms].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length)[0];
    if (best) surfaces.set(stem, best[0]);
  }
  return surfaces;
}
