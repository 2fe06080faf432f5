import type { NerMention, Sentence, Token } from '../../pipeline/doc.js';
import type { NerTagger } from './tagger.js';
import { spansOfTags } from './tags.js';

/** A run of tokens the tagger reads as one word: wink-nlp splits "Anne-Marie" and "Kilroy-Silk" at their hyphens,
 * CoNLL-2003 (which the tagger learnt from) keeps such words whole. */
interface Word {
  text: string;
  pos: string;
  /** Token indexes in the document: first, and one past the last. */
  first: number;
  end: number;
}

const WORD_CHARS = /^[\p{L}\p{N}]/u;

/** The sentence's tokens as the tagger's words: "X", "-", "Y" touching (no space either side) are one word. */
function wordsOf(tokens: readonly Token[], s: Sentence): Word[] {
  const words: Word[] = [];
  for (let i = s.tokenStart; i < s.tokenEnd; i++) {
    const t = tokens[i]!;
    const prev = words[words.length - 1];
    const hyphen = i + 1 < s.tokenEnd ? tokens[i + 1] : undefined;
    if (prev && t.text === '-' && hyphen && prev.end === i && tokens[i - 1]!.end === t.start && t.end === hyphen.start &&
        WORD_CHARS.test(tokens[i - 1]!.text) && WORD_CHARS.test(hyphen.text)) {
      prev.text += '-' + hyphen.text;
      if (hyphen.pos === 'PROPN' || prev.pos !== 'PROPN') prev.pos = hyphen.pos;
      prev.end = i + 2;
      i++;
      continue;
    }
    words.push({ text: t.text, pos: t.pos, first: i, end: i + 1 });
  }
  return words;
}

/**
 * Runs the tagger over a document's tokens and sentences and turns the tags into character-offset mentions. A
 * mention's confidence is the mean of its words' tag confidences.
 */
export function tagTokens(tagger: NerTagger, tokens: readonly Token[], sentences: readonly Sentence[]): NerMention[] {
  const words = sentences.map((s) => wordsOf(tokens, s));
  const tagged = tagger.tagDocument(words.map((ws) => ({ words: ws.map((w) => w.text), pos: ws.map((w) => w.pos) })));
  const mentions: NerMention[] = [];
  words.forEach((ws, si) => {
    const { tags, confidence } = tagged[si]!;
    for (const sp of spansOfTags(tags)) {
      let conf = 0;
      for (let i = sp.start; i < sp.end; i++) conf += confidence[i]!;
      mentions.push({
        start: tokens[ws[sp.start]!.first]!.start,
        end: tokens[ws[sp.end - 1]!.end - 1]!.end,
        type: sp.type as NerMention['type'],
        confidence: Math.round((conf / (sp.end - sp.start)) * 1000) / 1000,
      });
    }
  });
  return mentions;
}
