import type { NerMention, Sentence, Token } from '../../pipeline/doc.js';
import type { NerTagger } from './tagger.js';
import { spansOfTags } from './tags.js';

/**
 * Runs the tagger over a document's tokens and sentences and turns the tags into character-offset mentions. A
 * mention's confidence is the mean of its tokens' tag confidences.
 */
export function tagTokens(tagger: NerTagger, tokens: readonly Token[], sentences: readonly Sentence[]): NerMention[] {
  const input = sentences.map((s) => {
    const n = s.tokenEnd - s.tokenStart;
    const words: string[] = new Array(n);
    const pos: string[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const t = tokens[s.tokenStart + i]!;
      words[i] = t.text;
      pos[i] = t.pos;
    }
    return { words, pos };
  });
  const tagged = tagger.tagDocument(input);
  const mentions: NerMention[] = [];
  sentences.forEach((s, si) => {
    const { tags, confidence } = tagged[si]!;
    for (const sp of spansOfTags(tags)) {
      let conf = 0;
      for (let i = sp.start; i < sp.end; i++) conf += confidence[i]!;
      mentions.push({
        start: tokens[s.tokenStart + sp.start]!.start,
        end: tokens[s.tokenStart + sp.end - 1]!.end,
        type: sp.type as NerMention['type'],
        confidence: Math.round((conf / (sp.end - sp.start)) * 1000) / 1000,
      });
    }
  });
  return mentions;
}
