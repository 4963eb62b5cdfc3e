/**
 * A light suffix stripper (Porter step 1 and the common derivational endings): enough for lexical
 * cohesion and keyword counting, where "teaching", "teaches" and "teacher" should meet.
 */
const VOWEL = /[aeiouy]/;

function hasVowel(stem: string): boolean {
  return VOWEL.test(stem);
}

function undouble(stem: string): string {
  return /([^aeiouslz])\1$/.test(stem) ? stem.slice(0, -1) : stem;
}

const DERIVATIONAL: Array<[string, string]> = [
  ['ational', 'ate'],
  ['ization', 'ize'],
  ['fulness', 'ful'],
  ['ousness', 'ous'],
  ['iveness', 'ive'],
  ['tional', 'tion'],
  ['biliti', 'ble'],
  ['ements', ''],
  ['ement', ''],
  ['ments', ''],
  ['ment', ''],
  ['ness', ''],
  ['ities', ''],
  ['ity', ''],
  ['ers', ''],
  ['er', ''],
  ['ful', ''],
  ['ous', ''],
  ['ive', ''],
  ['al', ''],
  ['ly', ''],
];

export function stemEnglish(word: string): string {
  let w = word.toLowerCase().replace(/['’]s$/, '');
  if (w.length <= 3) return w;
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);

  if (w.endsWith('eed')) {
    if (w.length > 4) w = w.slice(0, -1);
  } else {
    for (const suffix of ['ing', 'ed']) {
      const stem = w.slice(0, -suffix.length);
      if (w.endsWith(suffix) && stem.length >= 3 && hasVowel(stem)) {
        w = undouble(stem);
        break;
      }
    }
  }
  if (w.endsWith('y') && w.length > 3 && hasVowel(w.slice(0, -1))) w = `${w.slice(0, -1)}i`;
  for (const [suffix, replacement] of DERIVATIONAL) {
    const stem = w.slice(0, -suffix.length);
    if (w.endsWith(suffix) && stem.length >= 4 && hasVowel(stem)) {
      w = stem + replacement;
      break;
    }
  }
  // Drop a final e so "create"/"created" and "use"/"using" meet.
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}
