/**
 * What the opening sentence of a clip does to a viewer, and whether a clip starts mid-thought,
 * in English and Japanese. Plain patterns: cheap, explainable, and good enough to rank by.
 */
export interface HookSignals {
  question: boolean;
  number: boolean;
  claim: boolean;
  directAddress: boolean;
}

const EN_QUESTION_START =
  /^(?:what|why|how|who|when|where|which|is|are|do|does|did|can|could|should|would|have|has|ever wonder)\b/i;
const EN_NUMBER =
  /\b(?:\d[\d,.]*%?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|fifty|hundred|thousand|million|billion|percent|half|double|triple)\b/i;
const EN_CLAIM =
  /\b(?:never|always|best|worst|biggest|most|least|secret|mistake|truth|nobody|everyone|everybody|nothing|everything|only|must|the key|the real|the problem|changed (?:my|everything)|i can't believe|shocking|surprising|surprised|wrong|myth|actually works|here's (?:why|how|what|the)|the reason)\b/i;
const EN_ADDRESS = /\b(?:you|your|you're|you've|you'll|yourself|let me tell you|imagine|picture this)\b/i;

const JA_QUESTION =
  /(?:[？?]|(?:ですか|ますか|でしょうか|のか|かな|なぜ|なんで|どうして|どうやって|何が|なに)[。」]?$)/;
const JA_QUESTION_WORD = /^(?:なぜ|なんで|どうして|どうやって|何|なに|どこ|いつ|誰|だれ|どの|どれ)/;
const JA_NUMBER =
  /[0-9０-９]|[一二三四五六七八九十百千万億]+(?:つ|個|人|年|回|倍|割|%|％|円|日|時間|分|秒|選|位)/;
const JA_CLAIM =
  /(?:絶対|一番|最も|最高|最強|最悪|実は|本当は|秘密|間違い|驚き|衝撃|必ず|誰も|全員|全部|唯一|結論から言うと|ポイントは)/;
const JA_ADDRESS =
  /(?:皆さん|みなさん|みんな|あなた|君|きみ|ください|ませんか|しましょう|ですよね|ますよね|でしょう[。！]?$|知ってました|知っていますか)/;

export function hookSignals(sentence: string, japanese: boolean): HookSignals {
  const text = sentence.trim();
  if (japanese) {
    return {
      question: JA_QUESTION.test(text) || JA_QUESTION_WORD.test(text),
      number: JA_NUMBER.test(text),
      claim: JA_CLAIM.test(text),
      directAddress: JA_ADDRESS.test(text),
    };
  }
  return {
    question: /\?["'”’)]*$/.test(text) || (EN_QUESTION_START.test(text) && !/\.$/.test(text)),
    number: EN_NUMBER.test(text),
    claim: EN_CLAIM.test(text),
    directAddress: EN_ADDRESS.test(text),
  };
}

const EN_DANGLING =
  /^(?:and|but|or|so|because|cause|then|also|which|that's why|that is why|plus|anyway|though|although|whereas|like i said|as i said|and so|so yeah|it|this|that|they|he|she|those|these)\b/i;
const JA_DANGLING =
  /^(?:だから|それで|でも|そして|なので|つまり|けど|けれど|ですから|それから|で、|あと|しかも|ただ|それは|これは|そう|という)/;

/**
 * A sentence that leans on what came before: a conjunction, or a pronoun whose referent the clip
 * would cut off ("It", "That", "これは").
 */
export function startsMidThought(sentence: string, japanese: boolean): boolean {
  const text = sentence.trim().replace(/^["'“‘「『(]+/, '');
  return japanese ? JA_DANGLING.test(text) : EN_DANGLING.test(text);
}

const EN_FILLERS = /\b(?:um+|uh+|erm|hmm+|you know|i mean|sort of|kind of|like)\b/gi;
const JA_FILLERS = /(?:えー+と?|ええと|えっと|あのー*|そのー+|まあ|なんか|うーん|あー+)/g;

/** Filler words and hesitations in a sentence. */
export function countFillers(sentence: string, japanese: boolean): number {
  return (sentence.match(japanese ? JA_FILLERS : EN_FILLERS) ?? []).length;
}
