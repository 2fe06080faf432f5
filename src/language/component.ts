import type { Component } from '../pipeline/component.js';
import { DETECT_SAMPLE_CHARS, detectLanguage } from './detect.js';

/** Below this much paragraph text, the whole text (headline, captions and all) is judged instead. */
export const MIN_BODY_SAMPLE_CHARS = 200;
import { tokenize } from './tokenize.js';

/** Detects the language; English-only components after it are skipped for other languages. */
export const languageDetector: Component = {
  name: 'language',
  requires: ['text', 'structure'],
  assigns: ['language'],
  run(doc) {
    // Boilerplate and captions are short and formulaic: judge the language on the body paragraphs when there are any.
    let body = '';
    for (const b of doc.record.blocks) {
      if (b.type !== 'paragraph') continue;
      body += b.span.text + '\n';
      if (body.length >= DETECT_SAMPLE_CHARS) break;
    }
    doc.record.language = detectLanguage(body.length >= MIN_BODY_SAMPLE_CHARS ? body : doc.record.text);
  },
};

/** Tokens, POS tags and sentences from wink-nlp. */
export const tokenizer: Component = {
  name: 'tokenizer',
  requires: ['text', 'language'],
  assigns: ['tokens', 'sentences', 'pos'],
  englishOnly: true,
  run(doc) {
    const { tokens, sentences } = tokenize(doc.record.text);
    doc.tokens = tokens;
    doc.sentences = sentences;
  },
};
